package org.creditgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.CatalogLoader;
import org.creditgate.collect.NdjsonLineSplitter;
import org.creditgate.collect.RecordOutcome;
import org.creditgate.collect.RecordValidator;
import org.creditgate.collect.ValidRecord;

/**
 * The CPU one thread spends per line on the pure part of a submission (split the body, read, validate, make the
 * canonical data and its hash), on the ingest benchmark's own lines. Measured as the thread's CPU time, not the
 * wall clock, so that other processes on the machine's shared cores do not count; each figure is the best of
 * many rounds after a warm-up. Only public gateway API is used, so the same class measures any earlier build.
 * What the store then does with a record (the driver's encoding of its data) is not part of it.
 *
 * <pre>
 * java -cp loadtests/target/classes:$(cat loadtests/target/classpath.txt) \
 *   org.creditgate.bench.CollectionCpuBenchmark [seconds per figure, default 20]
 * </pre>
 */
public final class CollectionCpuBenchmark {

    private static final int LINES = 20_000;
    private static final int CHUNK = 64 * 1024;
    private static volatile long sink;

    private CollectionCpuBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        Path catalog = Path.of(System.getProperty("creditgate.root", ".")).resolve("config/catalog");
        Category category = CatalogLoader.load(catalog).category(RecordGenerator.CATEGORY).orElseThrow();
        RecordValidator validator = new RecordValidator(category);

        StringBuilder text = new StringBuilder(LINES * 800);
        RecordGenerator generator = new RecordGenerator("a", 9_100_000L);
        for (int i = 0; i < LINES; i++) {
            generator.appendNdjsonLine(text, i);
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%d lines of %s, %.0f bytes per line, %d%% valid%n", LINES,
                RecordGenerator.CATEGORY, (double) body.length / LINES,
                100 - 100 * RecordGenerator.invalidLines(LINES) / LINES);

        long[] valid = new long[1];
        long[] hashBytes = new long[1];
        NdjsonLineSplitter.Listener validate = new NdjsonLineSplitter.Listener() {
            @Override
            public void onLine(long lineNumber, byte[] buf, int off, int len) {
                RecordOutcome outcome = validator.validate(buf, off, len, lineNumber);
                if (outcome instanceof ValidRecord record) {
                    valid[0]++;
                    hashBytes[0] += record.contentHash()[0];
                }
            }

            @Override
            public void onOversizedLine(long lineNumber) {
                throw new IllegalStateException("line " + lineNumber + " is over-long");
            }
        };
        measure("split + read + validate + canonical data + hash", seconds, () -> {
            valid[0] = 0;
            NdjsonLineSplitter splitter = new NdjsonLineSplitter(1 << 20, validate);
            for (int off = 0; off < body.length; off += CHUNK) {
                splitter.feed(body, off, Math.min(CHUNK, body.length - off));
            }
            splitter.end();
            if (valid[0] != LINES - RecordGenerator.invalidLines(LINES)) {
                throw new IllegalStateException(valid[0] + " valid lines");
            }
            sink += hashBytes[0];
        });
    }

    private static void measure(String name, double seconds, Runnable round) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmUpEnd = System.nanoTime() + (long) (seconds * 0.25e9);
        while (System.nanoTime() < warmUpEnd) {
            round.run();
        }
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        double best = Double.MAX_VALUE;
        double total = 0;
        int rounds = 0;
        while (System.nanoTime() < deadline || rounds < 5) {
            long start = threads.getCurrentThreadCpuTime();
            round.run();
            double perLine = (double) (threads.getCurrentThreadCpuTime() - start) / LINES;
            best = Math.min(best, perLine);
            total += perLine;
            rounds++;
        }
        System.out.printf(Locale.ROOT, "%-50s best %6.0f ns/line, mean %6.0f ns/line of thread CPU (%d rounds)%n",
                name, best, total / rounds, rounds);
    }
}
