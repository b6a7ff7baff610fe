package org.creditgate.bench;

import java.nio.file.Path;

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
        BenchMain.run("bench-ingest", args, "creditgate-bench-", false, line -> {
            BenchOptions options = BenchOptions.parse(line);
            return workDir -> options.heapCheck() ? heapCheck(options, workDir) : ingest(options, workDir);
        });
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
}
