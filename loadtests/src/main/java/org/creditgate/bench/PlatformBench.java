package org.creditgate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every benchmark of creditgate in one run, run by {@code loadtests/bench}: the ingest benchmark (gateway vs
 * two-stream COPY), the heap check (2 GB under -Xmx512m), the lookup benchmark (cached and cold vs PostgreSQL
 * {@code = ANY}), then the HTTP ceiling and the Gatling scenarios; the figures against their targets go to
 * {@code loadtests/RESULTS.md}. Each part starts its own embedded PostgreSQL and gateway, so none inherits
 * another's cache or table bloat.
 *
 * <pre>
 * --quick            short everything (a few minutes on a quiet machine): checks that the bench works; its
 *                    figures are not results
 * --seconds N        length of each Gatling scenario (default 45; 5 with --quick)
 * --public-rate N    single-subject lookups a second of PublicLookupSimulation (default 5000)
 * --postgres URL     use this PostgreSQL server (postgresql://user:password@host:port/db, a role that may create
 *                    databases) instead of starting embedded ones
 * --quiet-wait N     before a measured phase, wait up to N seconds for other processes to leave the cores alone
 *                    (default 30; 0 with --quick)
 * </pre>
 *
 * <p>Exit status: 0 when every part ran and every answer was right (targets missed are reported, not failed);
 * 1 when a part failed; 64 for a bad command line.
 */
public final class PlatformBench {

    record Options(boolean quick, int seconds, int publicRate, int quietWait, Path projectRoot) {

        static Options parse(String[] args) {
            boolean quick = false;
            Integer seconds = null;
            int publicRate = 5000;
            Integer quietWait = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--seconds" -> seconds = number(args, ++i, "--seconds");
                    case "--public-rate" -> publicRate = number(args, ++i, "--public-rate");
                    case "--quiet-wait" -> quietWait = number(args, ++i, "--quiet-wait");
                    case "--postgres" -> {
                        if (++i >= args.length) {
                            throw new IllegalArgumentException("--postgres needs a URL");
                        }
                        org.creditgate.config.DatabaseUrl.parse(args[i]);
                        System.setProperty(BenchPostgres.GIVEN, args[i]);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--quick, --seconds N, --public-rate N, --quiet-wait N, --postgres URL)");
                }
            }
            Path root = Path.of(System.getProperty("creditgate.root", ".")).toAbsolutePath().normalize();
            return new Options(quick, seconds != null ? seconds : quick ? 5 : 45, publicRate,
                    quietWait != null ? quietWait : quick ? 0 : 30, root);
        }

        private static int number(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            int value = Integer.parseInt(args[i]);
            if (value < 0) {
                throw new IllegalArgumentException(option + " must not be negative");
            }
            return value;
        }

        BenchOptions ingest() {
            return BenchOptions.parse(quick ? new String[] {"--records", "40000", "--warmup", "5000"}
                    : new String[0]);
        }

        BenchOptions heapCheck() {
            return BenchOptions.parse(quick ? new String[] {"--heap-check", "--heap-bytes", "100000000"}
                    : new String[] {"--heap-check"});
        }

        LookupOptions lookup() {
            List<String> args = new ArrayList<>(List.of("--quiet-wait", Integer.toString(quietWait)));
            if (quick) {
                args.addAll(List.of("--subjects", "60000", "--hot", "5000", "--connections", "8", "--seconds", "3"));
            }
            return LookupOptions.parse(args.toArray(String[]::new));
        }

        ScenarioRun.Settings scenarios() {
            return new ScenarioRun.Settings(seconds, quick ? 3 : 20, quick ? Math.min(publicRate, 500) : publicRate,
                    quick ? 100 : 1000, quick ? 5000 : 20_000, Duration.ofSeconds(quietWait),
                    projectRoot.resolve("loadtests/target/bench-gatling"), projectRoot);
        }
    }

    private PlatformBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchMain.run("bench", args, "creditgate-platform-bench-", false, line -> {
            Options options = Options.parse(line);
            return workDir -> run(options, workDir);
        });
    }

    private static int run(Options options, Path workDir) throws Exception {
        long started = System.nanoTime();
        IngestRun.log("1/4 ingest: the gateway vs two-stream COPY");
        IngestRun.Figures ingest = new IngestRun(options.ingest(), Files.createDirectory(workDir.resolve("ingest")))
                .run();
        IngestRun.log("2/4 heap check: one large submission into -Xmx" + HeapCheck.GATEWAY_HEAP);
        HeapCheck.Figures heap = new HeapCheck(options.heapCheck(), Files.createDirectory(workDir.resolve("heap")))
                .run();
        IngestRun.log("3/4 lookups: cached and cold vs PostgreSQL = ANY");
        LookupRun.Figures lookup = new LookupRun(options.lookup(), Files.createDirectory(workDir.resolve("lookup")))
                .run();
        IngestRun.log("4/4 Gatling: the HTTP ceiling, then the scenarios");
        ScenarioRun.Figures scenarios = new ScenarioRun(options.scenarios(),
                Files.createDirectory(workDir.resolve("scenarios"))).run();
        String report = PlatformReport.of(options, ingest, heap, lookup, scenarios,
                Duration.ofNanos(System.nanoTime() - started));
        Path file = options.projectRoot().resolve("loadtests/RESULTS.md");
        Files.writeString(file, report);
        System.out.print(report);
        System.out.println("\nbench: finished in " + Duration.ofNanos(System.nanoTime() - started).toMinutes()
                + " min; results written to " + file);
        return 0;
    }
}
