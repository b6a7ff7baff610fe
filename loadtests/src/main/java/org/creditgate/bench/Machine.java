package org.creditgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a result was measured on: without it a throughput figure means little. */
record Machine(int cores, String cpu, long memoryBytes, String jdk, String postgres) {

    static Machine describe(String postgresVersion) {
        return new Machine(nproc(), cpuModel(), totalMemory(), Runtime.version() + " (" + System.getProperty("java.vm.name")
                + ", " + System.getProperty("java.home") + ")", postgresVersion);
    }

    /** As {@code nproc} says: the CPUs this process may run on. */
    private static int nproc() {
        try {
            Process nproc = new ProcessBuilder("nproc").redirectErrorStream(true).start();
            String out = new String(nproc.getInputStream().readAllBytes()).trim();
            if (nproc.waitFor() == 0) {
                return Integer.parseInt(out);
            }
        } catch (IOException | NumberFormatException e) {
            // no nproc: fall back on what the JVM sees, which is the same on Linux
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
    }

    private static long totalMemory() {
        return procLine("/proc/meminfo", "MemTotal")
                .map(value -> Long.parseLong(value.replaceAll("[^0-9]", "")) * 1024).orElse(-1L);
    }

    private static Optional<String> procLine(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
