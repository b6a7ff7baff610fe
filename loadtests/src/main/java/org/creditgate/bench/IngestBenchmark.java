package org.creditgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The ingest benchmark and the heap check, run by {@code loadtests/bench-ingest}. Everything lives in a temporary
 * directory (the embedded PostgreSQL's files, the gateway's log) removed at the end; the report is printed and
 * written under {@code loadtests/results/}.
 *
 * <p>Exit status: 0; 1 when a count is wrong or the run fails; 2 when the gateway/COPY ratio is below
 * {@code --min-ratio}.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-ingest: " + e.getMessage());
            System.exit(64);
            return;
        }
        Path workDir = Files.createTempDirectory("creditgate-bench-");
        int status;
        try {
            status = options.heapCheck() ? heapCheck(options, workDir) : ingest(options, workDir);
        } catch (Exception e) {
            System.err.println("bench-ingest failed: " + e);
            e.printStackTrace();
            status = 1;
        } finally {
            deleteRecursively(workDir);
        }
        System.exit(status);
    }

    private static int ingest(BenchOptions options, Path workDir) throws Exception {
        IngestRun.Figures figures = new IngestRun(options, workDir).run();
        String report = Report.ingest(figures);
        System.out.print(report);
        System.out.println("\nwritten to " + Report.write(options.projectRoot(), "ingest", report));
        if (figures.ratio() < options.minRatio()) {
            System.err.printf("bench-ingest: ratio %.3f is below --min-ratio %s%n", figures.ratio(),
                    options.minRatio());
            return 2;
        }
        return 0;
    }

    private static int heapCheck(BenchOptions options, Path workDir) throws Exception {
        HeapCheck.Figures figures = new HeapCheck(options, workDir).run();
        String mismatch = HeapCheck.mismatch(figures);
        String report = Report.heap(figures, mismatch);
        System.out.print(report);
        System.out.println("\nwritten to " + Report.write(options.projectRoot(), "heap-check", report));
        return mismatch == null ? 0 : 1;
    }

    static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
