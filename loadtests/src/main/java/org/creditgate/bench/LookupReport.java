package org.creditgate.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.creditgate.bench.Report.count;
import static org.creditgate.bench.Report.mib;
import static org.creditgate.bench.Report.seconds;

/** The lookup benchmark's results as Markdown, in the style of {@link Report}. */
final class LookupReport {

    static final long CACHED_TARGET = 1_000_000;
    static final double COLD_TARGET = 0.8;

    private LookupReport() {
    }

    static String of(LookupRun.Figures f) {
        LookupOptions o = f.options();
        LookupRun.Load load = f.load();
        StringBuilder out = new StringBuilder();
        out.append("# creditgate lookup benchmark, ").append(LocalDate.now()).append("\n\n");
        out.append("| | |\n|---|---|\n");
        Report.machineRows(out, f.machine());
        row(out, "data set", count(o.subjects()) + " subjects (" + count(o.subjects() - f.persons()) + " companies, "
                + count(f.persons()) + " persons), " + count(load.records()) + " records (" + count(load.penalties())
                + " admin_penalty, " + count(load.defaulters()) + " court_defaulter; 1–3 per subject), all visible; "
                + "record_versions " + load.tableSize());
        row(out, "load", count(load.records()) + " records through `POST /v1/submissions` (2 concurrent submissions) in "
                + seconds(load.nanos()) + " (" + count(Math.round(load.records() * 1e9 / load.nanos()))
                + " records/s); " + count(load.authorizations()) + " authorizations of the agency (5% of the subjects) "
                + "through `POST /v1/authorizations` in " + seconds(load.authorizationNanos()));
        row(out, "gateway", "`java -Xmx" + o.heap() + " -jar gateway/target/creditgate.jar`, default config (cache "
                + "500,000 subjects, query log group commit ≤ 500 entries, PostgreSQL pool 16)");
        row(out, "clients", "`" + LookupRun.AGENCY + "` (agency, reason on every lookup) on even connections, `"
                + LookupRun.PUBLIC + "` (public: persons desensitised) on odd ones; " + o.batch()
                + " subjects per lookup; driver HTTP client: " + (o.client().equals("jdk") ? "JDK HttpClient"
                : "Vert.x HttpClient") + ", HTTP/1.1 keep-alive");
        row(out, "checks", "every answer: status 200, one result per subject in request order, the subject code and "
                + "every record's subject_name as the viewer is shown them, the exact record count per category; "
                + "query log entries = lookups; cache hits/misses as the phase intends");

        LookupRun.GatewayPhase cached = f.cached();
        ClosedLoop.Outcome c = cached.outcome();
        row(out, "**cached**", count(c.calls()) + " lookups of " + count(o.batch()) + " subjects from a hot set of "
                + count(o.hot()) + " (" + f.hotLookups() + " distinct sets, warmed), " + cached.connections()
                + " connections, " + seconds(c.nanos()) + ": **" + count(Math.round(c.subjectsPerSecond()))
                + " subjects/s**, " + rate(c.callsPerSecond()) + " requests/s, " + count(Math.round(c.recordsPerSecond()))
                + " records/s; cache " + count(cached.cacheHits()) + " hits, " + count(cached.cacheMisses()) + " misses");
        row(out, "cached latency", latencies(c));
        if (!f.tuning().isEmpty()) {
            StringBuilder tuned = new StringBuilder("cached lookups for " + o.tuneSeconds() + " s each: ");
            for (LookupRun.Tuning t : f.tuning()) {
                tuned.append(t.connections()).append(" connections ")
                        .append(count(Math.round(t.outcome().subjectsPerSecond()))).append(" subjects/s (p50 ")
                        .append(millis(t.outcome().latency(0.5))).append(String.format(Locale.ROOT,
                                ", gateway %.2f cores, other processes %.2f); ", t.cpu().gateway(), t.cpu().other()));
            }
            row(out, "concurrency tuning", tuned.substring(0, tuned.length() - 2) + "; the best is measured above");
        }
        queryLogRow(out, "cached query log", cached);
        row(out, "CPU, cached", cached.cpu().describe());
        row(out, "CPU per subject, cached", cached.cpu().perRecord(c.nanos(), c.subjects()));

        LookupRun.GatewayPhase cold = f.cold();
        ClosedLoop.Outcome k = cold.outcome();
        row(out, "**cold**", count(k.calls()) + " lookups of " + count(o.batch()) + " subjects never asked before, "
                + cold.connections() + " connections, " + seconds(k.nanos()) + ": **"
                + count(Math.round(k.subjectsPerSecond())) + " subjects/s**, " + rate(k.callsPerSecond())
                + " requests/s; cache " + count(cold.cacheHits()) + " hits, " + count(cold.cacheMisses()) + " misses");
        row(out, "cold latency", latencies(k));
        queryLogRow(out, "cold query log", cold);
        row(out, "CPU, cold", cold.cpu().describe());
        row(out, "CPU per subject, cold", cold.cpu().perRecord(k.nanos(), k.subjects()));

        ClosedLoop.Outcome p = f.postgres().outcome();
        row(out, "**PostgreSQL baseline**", "the same " + count(p.calls()) + " subject sets, the gateway's CURRENT "
                + "query over JDBC, " + o.coldConnections() + " connections, " + seconds(p.nanos()) + ": **"
                + count(Math.round(p.subjectsPerSecond())) + " subjects/s**, " + rate(p.callsPerSecond())
                + " queries/s, " + count(Math.round(p.recordsPerSecond())) + " rows/s; p50 "
                + millis(p.latency(0.5)) + ", p99 " + millis(p.latency(0.99)));
        row(out, "CPU, PostgreSQL baseline", f.postgres().cpu().describe());
        row(out, "CPU per subject, baseline", f.postgres().cpu().perRecord(p.nanos(), p.subjects()));
        Report.contention(out, cached.cpu(), cold.cpu(), f.postgres().cpu());
        row(out, "ratio cold/PostgreSQL", "**" + String.format(Locale.ROOT, "%.3f", f.coldRatio()) + "**");
        row(out, "target: cached ≥ " + count(CACHED_TARGET) + " subjects/s", verdict(c.subjectsPerSecond()
                >= CACHED_TARGET) + ": " + count(Math.round(c.subjectsPerSecond())) + " subjects/s, "
                + String.format(Locale.ROOT, "%.1f×", CACHED_TARGET / c.subjectsPerSecond()) + " short");
        row(out, "target: cold ≥ 0.8 × PostgreSQL", verdict(f.coldRatio() >= COLD_TARGET) + ": "
                + String.format(Locale.ROOT, "%.3f", f.coldRatio()) + " (" + count(Math.round(k.subjectsPerSecond()))
                + " vs " + count(Math.round(COLD_TARGET * p.subjectsPerSecond())) + " subjects/s needed)");
        row(out, "gateway memory", "heap used " + mib(f.gatewayHeapUsed()) + " at the end, "
                + mib(f.gatewayHeapAfterGc()) + " after a full GC (cache holding "
                + count(o.hot() + LookupOptions.warmupSubjects(o.batch()) + k.subjects()) + " subjects), peak RSS "
                + mib(f.gatewayPeakRss()));
        if (f.cachedProfile() != null) {
            profile(out, "Profile of the cached load (JFR, settings=profile, same load as the cached phase", 
                    f.cachedProfile());
            profile(out, "Profile of cold lookups (JFR, settings=profile, the cold warm-up: "
                    + LookupOptions.warmupSubjects(o.batch()) / o.batch() + " lookups", f.coldProfile());
        }
        out.append("\nCached and cold lookups use both clients at once (alternate connections); latencies are per "
                + "lookup, from the request's first byte to the last byte of the checked answer. The cold phase and "
                + "the baseline query the same sets; PostgreSQL's buffers favour whichever reads a set second, so "
                + "the gateway goes first on one half of the sets and the baseline on the other. Per cold lookup the "
                + "gateway also reads objections (and, for the agency, authorizations) and writes the query log "
                + "entry, which the baseline does not. The driver, the gateway and PostgreSQL share the machine's "
                + "cores.\n");
        return out.toString();
    }

    private static void queryLogRow(StringBuilder out, String name, LookupRun.GatewayPhase phase) {
        LookupRun.QueryLog log = phase.queryLog();
        double perSecond = log.entries() * 1e9 / phase.outcome().nanos();
        row(out, name, rate(perSecond) + " entries/s (" + count(Math.round(perSecond * phase.outcome().subjects()
                / Math.max(1, phase.outcome().calls()))) + " subject codes/s), "
                + String.format(Locale.ROOT, "%.1f", log.meanBatch()) + " entries per insert, mean insert "
                + String.format(Locale.ROOT, "%.1f ms", log.meanWriteMillis()));
    }

    private static void profile(StringBuilder out, String title, JfrHotSpots h) {
        out.append("\n## ").append(title).append(", ").append(String.format(Locale.ROOT, "%.0f s", h.seconds()))
                .append(")\n\n");
        out.append(count(h.samples())).append(" execution samples of Java code; ").append(String.format(Locale.ROOT, "%.0f MB/s", h.allocatedBytes() / 1e6
                        / Math.max(1, h.seconds()))).append(" allocated; ").append(h.gcCount()).append(" GCs, ")
                .append(String.format(Locale.ROOT, "%.0f ms paused, %.1f s of GC CPU", h.gcPauseMillis(),
                        h.gcCpuSeconds())).append(". Recording: ").append(h.file()).append("\n\n");
        shares(out, "CPU samples by step (innermost step frame)", h.bySteps());
        shares(out, "CPU samples by library (self frame)", h.byArea());
        shares(out, "Top methods (self)", h.selfMethods());
        shares(out, "creditgate methods on the stack (inclusive)", h.creditgateInclusive());
        shares(out, "Allocation by class", h.allocationByClass());
        shares(out, "Allocation by creditgate frame", h.allocationBySite());
    }

    private static void shares(StringBuilder out, String title, List<JfrHotSpots.Share> shares) {
        out.append("| ").append(title).append(" | share |\n|---|---|\n");
        for (JfrHotSpots.Share s : shares) {
            out.append("| `").append(s.name()).append("` | ")
                    .append(String.format(Locale.ROOT, "%.1f%%", s.fraction() * 100)).append(" |\n");
        }
        out.append('\n');
    }

    private static String latencies(ClosedLoop.Outcome o) {
        return "all p50 " + millis(o.latency(0.5)) + ", p99 " + millis(o.latency(0.99)) + "; agency p50 "
                + millis(o.latency(0.5, w -> w % 2 == 0)) + ", p99 " + millis(o.latency(0.99, w -> w % 2 == 0))
                + "; public p50 " + millis(o.latency(0.5, w -> w % 2 == 1)) + ", p99 "
                + millis(o.latency(0.99, w -> w % 2 == 1));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**not met**";
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
}
