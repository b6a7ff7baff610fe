package org.creditgate.bench;

/**
 * The lookup benchmark, run by {@code loadtests/bench-lookup}. Everything lives in a temporary directory (the
 * embedded PostgreSQL's files, the gateway's log) removed at the end; the report is printed and written under
 * {@code loadtests/results/}.
 *
 * <p>Exit status: 0; 1 when an answer is wrong or the run fails; 64 for a bad command line.
 */
public final class LookupBenchmark {

    private LookupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchMain.run("bench-lookup", args, "creditgate-lookup-", false, line -> {
            LookupOptions options = LookupOptions.parse(line);
            return workDir -> {
                LookupRun.Figures figures = new LookupRun(options, workDir).run();
                String report = LookupReport.of(figures);
                System.out.print(report);
                System.out.println("\nwritten to " + Report.write(options.projectRoot(), "lookup", report));
                return 0;
            };
        });
    }
}
