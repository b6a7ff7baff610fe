package org.creditgate.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the machine's CPU went during a phase, from {@code /proc}: the gateway's JVM, the PostgreSQL server (its
 * postmaster and backends), this driver, and everything else. "Everything else" shows when something outside the
 * benchmark competed for the cores, which makes the throughput figures of that run unreliable.
 */
final class CpuMeter {

    /** Cores kept busy on average, by whom. */
    record Usage(double machine, double gateway, double postgres, double driver, int cores, boolean hasGateway) {

        double other() {
            return Math.max(0, machine - gateway - postgres - driver);
        }

        /** CPU time per record of each party, in microseconds: comparable across runs and machines' loads. */
        String perRecord(long nanos, long records) {
            double micros = nanos / 1e3 / records;
            return (hasGateway ? String.format(Locale.ROOT, "gateway %.1f µs, ", gateway * micros) : "")
                    + String.format(Locale.ROOT, "PostgreSQL %.1f µs, driver %.1f µs", postgres * micros,
                    driver * micros);
        }

        /** Two phases that ran one after the other, as one: each weighted by its length. */
        static Usage weighted(Usage a, long aNanos, Usage b, long bNanos) {
            double total = aNanos + bNanos;
            double wa = aNanos / total;
            double wb = bNanos / total;
            return new Usage(a.machine * wa + b.machine * wb, a.gateway * wa + b.gateway * wb,
                    a.postgres * wa + b.postgres * wb, a.driver * wa + b.driver * wb, a.cores, a.hasGateway);
        }

        String describe() {
            return String.format(Locale.ROOT, "%.2f of %d cores busy: ", machine, cores)
                    + (hasGateway ? String.format(Locale.ROOT, "gateway %.2f, ", gateway) : "")
                    + String.format(Locale.ROOT, "PostgreSQL %.2f, driver %.2f, other processes %.2f", postgres, driver,
                    other());
        }
    }

    private record Snapshot(long total, long idle, long gateway, long postgres, long driver) {
    }

    private final long gatewayPid;
    private final long postmasterPid;
    private final int cores;
    private Snapshot start;

    /** @param gatewayPid the gateway's pid, or -1 for a phase without it */
    CpuMeter(long gatewayPid, Path postgresDataDir) throws IOException {
        this.gatewayPid = gatewayPid;
        this.postmasterPid = Long.parseLong(Files.readAllLines(postgresDataDir.resolve("postmaster.pid")).get(0).trim());
        this.cores = (int) Files.readAllLines(Path.of("/proc/stat")).stream()
                .filter(line -> line.matches("cpu\\d+ .*")).count();
    }

    /**
     * Waits (at most {@code patience}) until processes outside the benchmark leave the cores alone for a second, so
     * a measured phase does not start while something else competes with it; returns what they last used.
     */
    double awaitQuiet(double toleratedCores, java.time.Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        double other;
        do {
            start();
            Thread.sleep(1000);
            other = stop().other();
        } while (other > toleratedCores && System.nanoTime() < deadline);
        return other;
    }

    void start() throws IOException {
        start = snapshot();
    }

    Usage stop() throws IOException {
        Snapshot end = snapshot();
        double perCore = (end.total - start.total) / (double) cores;
        return new Usage((end.total - start.total - (end.idle - start.idle)) / perCore,
                (end.gateway - start.gateway) / perCore, (end.postgres - start.postgres) / perCore,
                (end.driver - start.driver) / perCore, cores, gatewayPid >= 0);
    }

    private Snapshot snapshot() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        long postgres = ticks(postmasterPid, true);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                List<String> stat = stat(process);
                if (stat != null && Long.parseLong(stat.get(1)) == postmasterPid) {
                    postgres += ticks(stat, false);
                }
            }
        }
        return new Snapshot(total, idle, gatewayPid < 0 ? 0 : ticks(gatewayPid, false), postgres,
                ticks(ProcessHandle.current().pid(), false));
    }

    private static long ticks(long pid, boolean withReapedChildren) throws IOException {
        List<String> stat = stat(Path.of("/proc", Long.toString(pid)));
        return stat == null ? 0 : ticks(stat, withReapedChildren);
    }

    /** utime + stime, and cutime + cstime: backends that ended during the phase count through their parent. */
    private static long ticks(List<String> stat, boolean withReapedChildren) {
        long own = Long.parseLong(stat.get(11)) + Long.parseLong(stat.get(12));
        return withReapedChildren ? own + Long.parseLong(stat.get(13)) + Long.parseLong(stat.get(14)) : own;
    }

    /** The fields of /proc/pid/stat after the command name (which may hold spaces): state, ppid, ...; null if gone. */
    private static List<String> stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return List.of(line.substring(line.lastIndexOf(')') + 2).trim().split(" "));
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
