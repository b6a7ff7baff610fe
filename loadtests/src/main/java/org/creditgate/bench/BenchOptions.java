package org.creditgate.bench;

import java.nio.file.Path;

/**
 * The driver's command line.
 *
 * <pre>
 * --records N       lines in the measured phase, split over two providers (default 1000000: with 400000 the
 *                   gateway's measured phase lasts about 7 s, while the JIT is still compiling the code that runs
 *                   once per batch, and the ratio moves by ±0.05 from run to run; a million measures the
 *                   sustained rate a provider's bulk load sees)
 * --warmup N        lines per provider in the unmeasured warm-up (default 50000)
 * --min-ratio R     exit 1 when gateway records/s ÷ COPY records/s is below R (default 0: report only)
 * --jfr[=FILE]      record the gateway with JFR (settings=profile) during the measured phase (default /tmp/ingest.jfr)
 * --heap-check      instead: one submission of --heap-bytes into a gateway with -Xmx512m, sampling its heap
 * --heap-bytes N    size of that submission (default 2000000000)
 * --cycle N         record ids of that submission repeat every N records (default 200000)
 * </pre>
 */
record BenchOptions(long records, long warmup, double minRatio, Path jfrFile, boolean heapCheck, long heapBytes,
                    long cycle, Path projectRoot) {

    static BenchOptions parse(String[] args) {
        long records = 1_000_000;
        long warmup = 50_000;
        double minRatio = 0;
        Path jfr = null;
        boolean heapCheck = false;
        long heapBytes = 2_000_000_000L;
        long cycle = 200_000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--records" -> records = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = positive(arg, value(args, ++i, arg));
                case "--min-ratio" -> minRatio = Double.parseDouble(value(args, ++i, arg));
                case "--jfr" -> jfr = Path.of("/tmp/ingest.jfr");
                case "--heap-check" -> heapCheck = true;
                case "--heap-bytes" -> heapBytes = positive(arg, value(args, ++i, arg));
                case "--cycle" -> cycle = positive(arg, value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--jfr=")) {
                        jfr = Path.of(arg.substring("--jfr=".length())).toAbsolutePath();
                    } else {
                        throw new IllegalArgumentException("unknown option " + arg + " (see BenchOptions)");
                    }
                }
            }
        }
        Path root = Path.of(System.getProperty("creditgate.root", ".")).toAbsolutePath().normalize();
        return new BenchOptions(records, warmup, minRatio, jfr, heapCheck, heapBytes, cycle, root);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long positive(String option, String value) {
        long parsed = Long.parseLong(value.replace("_", ""));
        if (parsed <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
        return parsed;
    }
}
