package org.creditgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Locale;

/** The results as a small Markdown table: printed, and kept under {@code loadtests/results/}. */
final class Report {

    private static final double OTHER_CPU_TOLERATED = 0.15;

    private Report() {
    }

    static String ingest(IngestRun.Figures f) {
        long invalid = f.lines() - f.validRecords();
        StringBuilder out = new StringBuilder();
        out.append("# creditgate ingest benchmark, ").append(LocalDate.now()).append("\n\n");
        out.append("| | |\n|---|---|\n");
        machineRows(out, f.machine());
        row(out, "records", count(f.lines()) + " lines (admin_penalty, 13 fields) in 2 concurrent submissions: "
                + count(f.validRecords()) + " valid, " + count(invalid) + " invalid (2%); " + mb(f.bodyBytes()));
        row(out, "gateway", count(f.validRecords()) + " records accepted in " + seconds(f.gatewayNanos())
                + ": **" + count(Math.round(f.gatewayRecordsPerSecond())) + " records/s** ("
                + count(Math.round(f.gatewayLinesPerSecond())) + " lines/s, "
                + mb(Math.round(f.bodyBytes() * 1e9 / f.gatewayNanos())) + "/s)");
        row(out, "COPY baseline", count(f.copy().rows()) + " rows in 2 parallel COPY streams in "
                + seconds(f.copy().nanos()) + ": **" + count(Math.round(f.copy().rowsPerSecond())) + " records/s**");
        row(out, "CPU, gateway phase", f.gatewayCpu().describe());
        row(out, "CPU, COPY phase", f.copy().cpu().describe());
        row(out, "CPU per record, gateway phase", f.gatewayCpu().perRecord(f.gatewayNanos(), f.validRecords()));
        row(out, "CPU per record, COPY phase", f.copy().cpu().perRecord(f.copy().nanos(), f.copy().rows()));
        contention(out, f.gatewayCpu(), f.copy().cpu());
        row(out, "ratio gateway/COPY", "**" + String.format(Locale.ROOT, "%.3f", f.ratio()) + "**");
        row(out, "gateway peak RSS", mib(f.gatewayPeakRss()) + " (VmHWM, -Xmx" + IngestRun.GATEWAY_HEAP
                + ", warm-up included)");
        if (f.jfrFile() != null) {
            row(out, "profile", "JFR (settings=profile) of the measured phase: " + f.jfrFile());
        }
        out.append("\nThe gateway runs as `java -Xmx").append(IngestRun.GATEWAY_HEAP)
                .append(" -jar gateway/target/creditgate.jar`; its time runs from the first byte sent to both 200 ")
                .append("answers, whose counts were checked exactly. It commits every 1000-record batch (fsync on); ")
                .append("each COPY stream commits once. Both load an empty-but-for-warm-up `record_versions` with ")
                .append("the same indexes, in two databases of one PostgreSQL server, one after the other. The ")
                .append("driver generating the records shares the machine with the gateway and PostgreSQL.\n");
        return out.toString();
    }

    static String heap(HeapCheck.Figures f, String mismatch) {
        StringBuilder out = new StringBuilder();
        out.append("# creditgate heap check, ").append(LocalDate.now()).append("\n\n");
        out.append("| | |\n|---|---|\n");
        machineRows(out, f.machine());
        row(out, "submission", "one submission of " + count(f.lines()) + " lines, " + mb(f.bodyBytes())
                + "; record ids cycle every " + count(f.cycle()) + " records, so all but the first "
                + count(Math.min(f.cycle(), f.lines())) + " lines are identical resubmissions");
        SubmissionAnswer a = f.answer();
        row(out, "answer", "received " + count(a.received()) + ", accepted " + count(a.accepted()) + ", rejected "
                + count(a.rejected()) + (mismatch == null ? ": exact" : ": **WRONG**, " + mismatch));
        row(out, "record versions stored", count(f.storedVersions()));
        row(out, "duration", seconds(f.nanos()) + ": " + count(Math.round(f.lines() * 1e9 / f.nanos()))
                + " lines/s, " + mb(Math.round(f.bodyBytes() * 1e9 / f.nanos())) + "/s");
        row(out, "CPU while streaming", f.cpu().describe());
        contention(out, f.cpu());
        LongSummaryStatistics heap = f.samples().stream().mapToLong(HeapSampler.Sample::heapUsed).summaryStatistics();
        LongSummaryStatistics old = f.samples().stream().mapToLong(HeapSampler.Sample::oldGenUsed)
                .summaryStatistics();
        row(out, "heap used while streaming", "min " + mib(heap.getMin()) + ", max " + mib(heap.getMax())
                + ", last " + mib(f.last().heapUsed()) + " (" + f.samples().size() + " samples, one a second, -Xmx"
                + HeapCheck.GATEWAY_HEAP + ")");
        row(out, "old generation while streaming", "min " + mib(old.getMin()) + ", max " + mib(old.getMax())
                + ", last " + mib(f.last().oldGenUsed()));
        row(out, "after the answer", "heap " + mib(f.afterAnswer().heapUsed()) + "; after a full GC (jcmd GC.run) "
                + mib(f.afterFullGc().heapUsed()));
        row(out, "gateway peak RSS", mib(f.peakRss()) + " (VmHWM)");
        out.append("\nHeap used over time (every 10th sample):\n\n| second | heap used | old generation |\n|---|---|---|\n");
        List<HeapSampler.Sample> samples = f.samples();
        for (int i = 0; i < samples.size(); i += 10) {
            HeapSampler.Sample s = samples.get(i);
            out.append("| ").append(s.second()).append(" | ").append(mib(s.heapUsed())).append(" | ")
                    .append(mib(s.oldGenUsed())).append(" |\n");
        }
        return out.toString();
    }

    /** Writes {@code text} to {@code loadtests/results/<name>-<date>.md} and returns the file. */
    static Path write(Path projectRoot, String name, String text) throws IOException {
        Path file = projectRoot.resolve("loadtests/results").resolve(name + "-" + LocalDate.now() + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** Other processes busy during a measured phase make its figure a measure of the machine, not of the gateway. */
    static void contention(StringBuilder out, CpuMeter.Usage... phases) {
        double worst = 0;
        for (CpuMeter.Usage phase : phases) {
            worst = Math.max(worst, phase.other());
        }
        if (worst > OTHER_CPU_TOLERATED) {
            row(out, "**warning**", String.format(Locale.ROOT, "other processes used up to %.2f cores during a "
                    + "measured phase: the figures of this run are lower than the machine can do", worst));
        }
    }

    static void machineRows(StringBuilder out, Machine m) {
        row(out, "machine", m.cores() + " cores (nproc), " + m.cpu() + ", " + gib(m.memoryBytes()) + " memory");
        row(out, "JDK", m.jdk());
        row(out, "PostgreSQL", m.postgres() + " (embedded, fsync and synchronous_commit on)");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
