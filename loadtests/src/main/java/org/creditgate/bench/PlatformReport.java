package org.creditgate.bench;

import org.creditgate.simulations.BulkLookupLoad;
import org.creditgate.simulations.HttpCeilingSimulation;
import org.creditgate.simulations.IngestLoad;
import org.creditgate.simulations.PublicLookupLoad;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LongSummaryStatistics;
import java.util.Locale;

import static org.creditgate.bench.Report.count;
import static org.creditgate.bench.Report.mib;

/**
 * {@code loadtests/RESULTS.md}: the targets with each figure, its baseline from the same run, the ratio and by how
 * much a missed target is missed; the load of the machine by other processes; the Gatling scenarios; then the full
 * reports of the ingest, heap and lookup benchmarks.
 */
final class PlatformReport {

    static final double INGEST_TARGET = 0.6;
    static final double PUBLIC_RATE_TARGET = 5000;
    static final double PUBLIC_P99_TARGET_MS = 5;
    /** The old generation may grow this much during the 2 GB submission and still count as flat. */
    static final long FLAT_OLD_GEN_BYTES = 32L * 1024 * 1024;
    static final long HEAP_CHECK_BYTES = 1_900_000_000L;

    private PlatformReport() {
    }

    static String of(PlatformBench.Options options, IngestRun.Figures ingest, HeapCheck.Figures heap,
                     LookupRun.Figures lookup, ScenarioRun.Figures scenarios, Duration took) {
        StringBuilder out = new StringBuilder();
        out.append("# creditgate benchmark results, ").append(LocalDate.now()).append("\n\n");
        if (options.quick()) {
            out.append("**`--quick` run: short phases that check the bench works. These figures are not results.**\n\n");
        }
        out.append("Written by `loadtests/bench").append(options.quick() ? " --quick" : "").append("` in ")
                .append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s. Every baseline was ")
                .append("measured in this run, on this machine, right before or after its figure.\n\n");
        out.append("| | |\n|---|---|\n");
        Report.machineRows(out, ingest.machine());
        out.append("\n## Targets (2-core machine)\n\n");
        out.append("| target | measured | baseline (same run) | ratio | verdict |\n|---|---|---|---|---|\n");
        ingestTarget(out, ingest);
        lookupTargets(out, lookup);
        publicTarget(out, options, scenarios);
        heapTarget(out, heap);

        out.append("\n## Load of the machine by other processes\n\n");
        out.append("Cores kept busy by processes outside the benchmark (builds of others, ...) during each measured ")
                .append("phase; above 0.15 the phase's figures are lower than the machine can do.\n\n");
        out.append("| phase | machine busy | gateway | PostgreSQL | driver | **other processes** |\n|---|---|---|---|---|---|\n");
        load(out, "ingest: gateway", ingest.gatewayCpu());
        load(out, "ingest: COPY", ingest.copy().cpu());
        load(out, "heap check", heap.cpu());
        load(out, "lookups: cached", lookup.cached().cpu());
        load(out, "lookups: cold", lookup.cold().cpu());
        load(out, "lookups: PostgreSQL = ANY", lookup.postgres().cpu());
        load(out, "Gatling: " + scenarios.ceiling().simulation(), scenarios.ceiling().cpu());
        for (ScenarioRun.Scenario s : scenarios.scenarios()) {
            load(out, "Gatling: " + s.simulation(), s.cpu());
        }

        out.append("\n## Gatling scenarios\n\n");
        out.append("Each simulation prepares its clients and data through the API (`/admin/clients`, submissions, ")
                .append("authorizations), then loads one gateway (`java -Xmx").append(ScenarioRun.GATEWAY_HEAP)
                .append(" -jar gateway/target/creditgate.jar`, embedded PostgreSQL) for ")
                .append(options.seconds()).append(" s (the ceiling for ").append(options.scenarios().ceilingSeconds())
                .append(" s); its HTML report is under `loadtests/target/bench-gatling/`. Response times in ms; ")
                .append("req/s over the whole run, ramp included (PublicLookupSimulation first warms the gateway ")
                .append("up for 20 s, rising to its rate: those lookups are the `(warm-up)` row, outside its ")
                .append("assertions). The CPU columns above cover the whole ")
                .append("simulation, its preparation included. The HTTP ceiling is that of Gatling and the gateway ")
                .append("together on these cores (Gatling's CPU is the driver column): a single-subject lookup rate ")
                .append("near it is bounded by the machine, not by the lookup path alone.\n\n");
        out.append("| simulation | request | requests | KO | req/s | p50 | p95 | p99 | max | assertions | gateway heap peak |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        scenarioRows(out, scenarios.ceiling());
        for (ScenarioRun.Scenario s : scenarios.scenarios()) {
            scenarioRows(out, s);
        }
        for (ScenarioRun.Scenario s : scenarios.scenarios()) {
            s.stats().errors().forEach((message, count) -> out.append("\n").append(s.simulation())
                    .append(" error: `").append(message).append("` × ").append(count(count)).append("  "));
        }
        ScenarioRun.Scenario providers = scenarios.named("ProviderIngestSimulation");
        out.append("\n\nProviderIngestSimulation: ").append(count(providers.validRecords()))
                .append(" valid records accepted (every answer's counts checked), about ")
                .append(count(providers.validRecords() / Math.max(1, providers.seconds())))
                .append(" records/s over its ").append(providers.seconds()).append(" s. Gateway peak RSS over all ")
                .append("scenarios: ").append(mib(scenarios.peakRss())).append(".\n");

        section(out, Report.ingest(ingest));
        section(out, Report.heap(heap, HeapCheck.mismatch(heap)));
        section(out, LookupReport.of(lookup));
        return out.toString();
    }

    private static void ingestTarget(StringBuilder out, IngestRun.Figures f) {
        double ratio = f.ratio();
        row(out, "ingest ≥ " + INGEST_TARGET + " × two-stream COPY",
                count(Math.round(f.gatewayRecordsPerSecond())) + " records/s (2 streaming submissions, fsync on)",
                "COPY " + count(Math.round(f.copy().rowsPerSecond())) + " records/s", ratio(ratio),
                ratio >= INGEST_TARGET ? "met" : shortBy(ratio, INGEST_TARGET));
    }

    private static void lookupTargets(StringBuilder out, LookupRun.Figures f) {
        ClosedLoop.Outcome cached = f.cached().outcome();
        ClosedLoop.Outcome cold = f.cold().outcome();
        ClosedLoop.Outcome postgres = f.postgres().outcome();
        double cachedRate = cached.subjectsPerSecond();
        row(out, "cached 1000-subject lookups ≥ " + count(LookupReport.CACHED_TARGET)
                        + " subjects/s (masking and query log on)",
                count(Math.round(cachedRate)) + " subjects/s, p50 " + ms(cached.latency(0.5)) + ", p99 "
                        + ms(cached.latency(0.99)),
                "PostgreSQL `= ANY` " + count(Math.round(postgres.subjectsPerSecond())) + " subjects/s",
                ratio(cachedRate / postgres.subjectsPerSecond()),
                cachedRate >= LookupReport.CACHED_TARGET ? "met" : String.format(Locale.ROOT,
                        "**not met**: %.1f× short (%s subjects/s missing)", LookupReport.CACHED_TARGET / cachedRate,
                        count(Math.round(LookupReport.CACHED_TARGET - cachedRate))));
        row(out, "cold lookups ≥ " + LookupReport.COLD_TARGET + " × PostgreSQL `= ANY`",
                count(Math.round(cold.subjectsPerSecond())) + " subjects/s, p50 " + ms(cold.latency(0.5)) + ", p99 "
                        + ms(cold.latency(0.99)),
                "PostgreSQL `= ANY` " + count(Math.round(postgres.subjectsPerSecond())) + " subjects/s, p50 "
                        + ms(postgres.latency(0.5)) + ", p99 " + ms(postgres.latency(0.99)),
                ratio(f.coldRatio()), f.coldRatio() >= LookupReport.COLD_TARGET ? "met"
                        : shortBy(f.coldRatio(), LookupReport.COLD_TARGET));
    }

    private static void publicTarget(StringBuilder out, PlatformBench.Options options, ScenarioRun.Figures f) {
        GatlingStats.Request lookups = f.named("PublicLookupSimulation").stats().request(PublicLookupLoad.REQUEST);
        GatlingStats.Request ceiling = f.ceiling().stats().request(HttpCeilingSimulation.REQUEST);
        int rate = options.scenarios().publicRate();
        boolean met = rate >= PUBLIC_RATE_TARGET && lookups.p99() <= PUBLIC_P99_TARGET_MS && lookups.ko() == 0;
        String verdict;
        if (met) {
            verdict = "met";
        } else if (rate < PUBLIC_RATE_TARGET) {
            verdict = "not measured at " + count((long) PUBLIC_RATE_TARGET) + "/s (run with --public-rate "
                    + count(rate) + ")";
        } else {
            verdict = String.format(Locale.ROOT, "**not met**: p99 %.0f ms is %.1f× the %.0f ms allowed", lookups.p99(),
                    lookups.p99() / PUBLIC_P99_TARGET_MS, PUBLIC_P99_TARGET_MS)
                    + (lookups.ko() > 0 ? ", " + count(lookups.ko()) + " failed" : "");
        }
        row(out, "single-subject lookups p99 ≤ " + (int) PUBLIC_P99_TARGET_MS + " ms at "
                        + count((long) PUBLIC_RATE_TARGET) + " requests/s",
                "p50 " + millis(lookups.p50()) + ", p99 " + millis(lookups.p99()) + " at " + count(rate)
                        + " requests/s offered (" + String.format(Locale.ROOT, "%,.0f", lookups.perSecond())
                        + " answered/s averaged over the whole run, warm-up included; measured after a "
                        + "warm-up rising to the rate, reported apart; " + count(lookups.ko()) + " KO)",
                "HTTP ceiling `GET /health/live`: " + String.format(Locale.ROOT, "%,.0f", ceiling.perSecond())
                        + " requests/s, p50 " + millis(ceiling.p50()) + ", p99 " + millis(ceiling.p99()),
                ratio(rate / ceiling.perSecond()) + " of the ceiling", verdict);
    }

    private static void heapTarget(StringBuilder out, HeapCheck.Figures f) {
        LongSummaryStatistics heap = f.samples().stream().mapToLong(HeapSampler.Sample::heapUsed).summaryStatistics();
        LongSummaryStatistics old = f.samples().stream().mapToLong(HeapSampler.Sample::oldGenUsed)
                .summaryStatistics();
        String mismatch = HeapCheck.mismatch(f);
        long growth = old.getMax() - old.getMin();
        boolean met = mismatch == null && growth <= FLAT_OLD_GEN_BYTES;
        String size = f.bodyBytes() >= HEAP_CHECK_BYTES ? "" : " at " + Report.mb(f.bodyBytes()) + " only, not 2 GB";
        row(out, "heap flat under a 2 GB submission with -Xmx" + HeapCheck.GATEWAY_HEAP,
                Report.mb(f.bodyBytes()) + " in one submission: heap used max " + mib(heap.getMax())
                        + ", old generation " + mib(old.getMin()) + "–" + mib(old.getMax()) + ", after a full GC "
                        + mib(f.afterFullGc().heapUsed()),
                "-Xmx" + HeapCheck.GATEWAY_HEAP, ratio(heap.getMax() / (512.0 * 1024 * 1024)) + " of the heap",
                met ? "met" + size + " (old generation grew " + mib(growth) + ")" : "**not met**" + size + ": "
                        + (mismatch != null ? mismatch : "old generation grew " + mib(growth) + ", more than "
                        + mib(FLAT_OLD_GEN_BYTES)));
    }

    private static void scenarioRows(StringBuilder out, ScenarioRun.Scenario s) {
        for (String name : new String[] {HttpCeilingSimulation.REQUEST, IngestLoad.REQUEST, BulkLookupLoad.REQUEST,
            PublicLookupLoad.REQUEST}) {
            GatlingStats.Request r;
            try {
                r = s.stats().request(name);
            } catch (IllegalArgumentException notInThisSimulation) {
                continue;
            }
            out.append("| ").append(s.simulation()).append(" | ").append(name).append(" | ").append(count(r.total()))
                    .append(" | ").append(count(r.ko())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.1f", r.perSecond())).append(" | ").append(millis(r.p50()))
                    .append(" | ").append(millis(r.p95())).append(" | ").append(millis(r.p99())).append(" | ")
                    .append(millis(r.max())).append(" | ")
                    .append(s.result().assertionsPassed() ? "passed" : "**failed**").append(" | ")
                    .append(mib(s.heapMax())).append(" |\n");
        }
    }

    private static void load(StringBuilder out, String phase, CpuMeter.Usage u) {
        out.append("| ").append(phase).append(String.format(Locale.ROOT,
                " | %.2f of %d | %s | %.2f | %.2f | **%.2f** |%n", u.machine(), u.cores(),
                u.hasGateway() ? String.format(Locale.ROOT, "%.2f", u.gateway()) : "–", u.postgres(), u.driver(),
                u.other()));
    }

    /** A full sub-report, its headings one level down. */
    private static void section(StringBuilder out, String report) {
        out.append('\n');
        for (String line : report.split("\n", -1)) {
            out.append(line.startsWith("#") ? "#" + line : line).append('\n');
        }
    }

    private static String shortBy(double ratio, double target) {
        return String.format(Locale.ROOT, "**not met**: %.3f below (%.0f%% short of the target)", target - ratio,
                (1 - ratio / target) * 100);
    }

    private static void row(StringBuilder out, String... cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.3f", ratio);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, "%.0f ms", ms);
    }
}
