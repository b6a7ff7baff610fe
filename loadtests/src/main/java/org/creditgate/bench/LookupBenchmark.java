package org.creditgate.bench;

import java.nio.file.Files;
import java.nio.file.Path;

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
        LookupOptions options;
        try {
            options = LookupOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-lookup: " + e.getMessage());
            System.exit(64);
            return;
        }
        Path workDir = Files.createTempDirectory("creditgate-lookup-");
        int status = 0;
        try {
            LookupRun.Figures figures = new LookupRun(options, workDir).run();
            String report = LookupReport.of(figures);
            System.out.print(report);
            System.out.println("\nwritten to " + Report.write(options.projectRoot(), "lookup", report));
        } catch (Exception e) {
            System.err.println("bench-lookup failed: " + e);
            e.printStackTrace();
            status = 1;
        } finally {
            IngestBenchmark.deleteRecursively(workDir);
        }
        System.exit(status);
    }
}
