package org.creditgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The frame of every benchmark's {@code main}: read the command line, run in a new temporary directory (the
 * embedded PostgreSQL's files, the gateway's log), remove it, exit with the run's status. A bad command line exits
 * 64, a run that throws exits 1.
 */
final class BenchMain {

    /** A benchmark ready to run, its command line read. */
    @FunctionalInterface
    interface Run {
        /** @return the exit status */
        int in(Path workDir) throws Exception;
    }

    /** Reads the command line; throws IllegalArgumentException with a message for the user when it is wrong. */
    @FunctionalInterface
    interface CommandLine {
        Run parse(String[] args);
    }

    private BenchMain() {
    }

    /**
     * @param keepFailedRuns a run that did not end with status 0 leaves its directory for inspection (the fault
     *                       drivers: their database tells what happened); else it is always removed
     */
    static void run(String name, String[] args, String directoryPrefix, boolean keepFailedRuns,
                    CommandLine commandLine) throws IOException {
        Run run;
        try {
            run = commandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.exit(64);
            return;
        }
        Path workDir = Files.createTempDirectory(directoryPrefix);
        int status;
        try {
            status = run.in(workDir);
        } catch (Exception e) {
            System.err.println(name + " failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        if (status != 0 && keepFailedRuns) {
            System.err.println("the work directory is kept for inspection: " + workDir);
        } else {
            deleteRecursively(workDir);
        }
        System.exit(status);
    }

    static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
