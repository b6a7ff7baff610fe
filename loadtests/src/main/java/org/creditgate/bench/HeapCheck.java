package org.creditgate.bench;

import org.creditgate.config.DatabaseUrl;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * "A submission of any size is processed in constant memory" (API.md), checked: one submission of about 2 GB
 * into a gateway limited to a 512 MiB heap, its heap sampled every second. Record ids repeat every
 * {@code --cycle} records, so after the first cycle the records are identical resubmissions: every line is
 * still read, validated, hashed and compared with its stored version, but the database stays small.
 */
final class HeapCheck {

    static final String GATEWAY_HEAP = "512m";
    private static final String PROVIDER = "bench-heap";

    record Figures(Machine machine, long lines, long bodyBytes, long cycle, long nanos, SubmissionAnswer answer,
                   List<HeapSampler.Sample> samples, HeapSampler.Sample afterAnswer, HeapSampler.Sample afterFullGc,
                   long peakRss, long storedVersions, CpuMeter.Usage cpu) {

        HeapSampler.Sample last() {
            return samples.get(samples.size() - 1);
        }
    }

    private final BenchOptions options;
    private final Path workDir;

    HeapCheck(BenchOptions options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
    }

    Figures run() throws Exception {
        if (options.cycle() % RecordGenerator.INVALID_EVERY != 0) {
            // otherwise a record invalid in one cycle would be valid, and new, in the next
            throw new IllegalArgumentException("--cycle must be a multiple of " + RecordGenerator.INVALID_EVERY);
        }
        RecordGenerator generator = new RecordGenerator("H", 0L, options.cycle());
        long lines = linesFor(generator, options.heapBytes());
        Path postgresDir = workDir.resolve("postgres");
        try (BenchPostgres postgres = BenchPostgres.start(postgresDir)) {
            DatabaseUrl database = postgres.migratedDatabase("heap_check");
            Machine machine = Machine.describe(BenchPostgres.serverVersion(database));
            IngestRun.log("starting the gateway (-Xmx" + GATEWAY_HEAP + ")");
            try (GatewayProcess gateway = GatewayProcess.start(options.projectRoot(), database, GATEWAY_HEAP, workDir);
                 HeapSampler sampler = new HeapSampler(gateway)) {
                String key = gateway.registerProvider(PROVIDER);
                IngestRun.log("heap check: one submission of " + lines + " lines (~" + options.heapBytes()
                        + " bytes), record ids cycling every " + options.cycle());
                GeneratedStream body = GeneratedStream.ndjson(generator, lines);
                CpuMeter cpu = new CpuMeter(gateway.pid(), postgresDir);
                sampler.start();
                cpu.start();
                long started = System.nanoTime();
                SubmissionAnswer answer = gateway.submit(key, body).join();
                long nanos = System.nanoTime() - started;
                CpuMeter.Usage cpuUsage = cpu.stop();
                sampler.close();
                HeapSampler.Sample afterAnswer = sampler.sample();
                gateway.jcmd("GC.run");
                HeapSampler.Sample afterFullGc = sampler.sample();
                long peakRss = gateway.peakResidentBytes();
                long stored = Long.parseLong(BenchPostgres.queryOne(database, "SELECT count(*) FROM record_versions"));
                return new Figures(machine, lines, body.bytesRead(), options.cycle(), nanos, answer,
                        sampler.samples(), afterAnswer, afterFullGc, peakRss, stored, cpuUsage);
            }
        }
    }

    /** How many lines make about {@code bytes}, from the average size of the first ten thousand. */
    private static long linesFor(RecordGenerator generator, long bytes) throws Exception {
        long sampleLines = 10_000;
        GeneratedStream sample = GeneratedStream.ndjson(generator, sampleLines);
        long sampleBytes = sample.transferTo(OutputStream.nullOutputStream());
        return Math.max(1, Math.round((double) bytes * sampleLines / sampleBytes));
    }

    /** What the submission must have produced; null when it did. */
    static String mismatch(Figures figures) {
        SubmissionAnswer expected = SubmissionAnswer.expectedFor(figures.lines());
        if (!figures.answer().equals(expected)) {
            return "answered " + figures.answer() + ", expected " + expected;
        }
        long distinct = Math.min(figures.lines(), figures.cycle());
        long expectedVersions = distinct - RecordGenerator.invalidLines(distinct);
        if (figures.storedVersions() != expectedVersions) {
            return "stored " + figures.storedVersions() + " record versions, expected " + expectedVersions;
        }
        return null;
    }
}
