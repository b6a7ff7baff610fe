package org.creditgate.bench;

import org.creditgate.config.DatabaseUrl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The ingest benchmark (issue 3): the same records through the gateway (two concurrent streaming submissions)
 * and straight into the same table by two parallel COPY streams, on one PostgreSQL server, one after the other.
 */
final class IngestRun {

    static final String GATEWAY_HEAP = "1g";
    private static final List<String> PROVIDERS = List.of("bench-a", "bench-b");

    /** The figures of one run. */
    record Figures(Machine machine, long lines, long validRecords, long gatewayNanos, long bodyBytes,
                   CopyBaseline.Timing copy, long gatewayPeakRss, CpuMeter.Usage gatewayCpu, Path jfrFile) {

        double gatewayRecordsPerSecond() {
            return validRecords * 1e9 / gatewayNanos;
        }

        double gatewayLinesPerSecond() {
            return lines * 1e9 / gatewayNanos;
        }

        double ratio() {
            return gatewayRecordsPerSecond() / copy.rowsPerSecond();
        }
    }

    /** The measured phase through the gateway. */
    private record GatewayPhase(long nanos, long bodyBytes, long peakRss, CpuMeter.Usage cpu) {
    }

    private final BenchOptions options;
    private final Path workDir;
    private final Path postgresDir;
    // distinct record ids and subjects per provider and per phase: nothing is a resubmission
    private final List<RecordGenerator> warmup = List.of(new RecordGenerator("WA", 900_000_000L),
            new RecordGenerator("WB", 950_000_000L));
    private final List<RecordGenerator> measured = List.of(new RecordGenerator("A", 0L),
            new RecordGenerator("B", 450_000_000L));
    private final long[] warmupLines;
    private final long[] measuredLines;

    IngestRun(BenchOptions options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
        this.postgresDir = workDir.resolve("postgres");
        this.warmupLines = new long[] {options.warmup(), options.warmup()};
        this.measuredLines = new long[] {options.records() - options.records() / 2, options.records() / 2};
    }

    Figures run() throws Exception {
        try (BenchPostgres postgres = BenchPostgres.start(postgresDir)) {
            DatabaseUrl gatewayDatabase = postgres.migratedDatabase("ingest_gateway");
            DatabaseUrl copyDatabase = postgres.migratedDatabase("ingest_copy");
            Machine machine = Machine.describe(BenchPostgres.serverVersion(gatewayDatabase));
            long expectedRows = validRecords(warmupLines) + validRecords(measuredLines);

            GatewayPhase gateway = throughGateway(gatewayDatabase);
            requireRows(gatewayDatabase, expectedRows, "the gateway's database");
            CopyBaseline.Timing copy = throughCopy(copyDatabase);
            requireRows(copyDatabase, expectedRows, "the COPY database");
            requireSameData(gatewayDatabase, copyDatabase, measured.get(0));

            return new Figures(machine, options.records(), validRecords(measuredLines), gateway.nanos(),
                    gateway.bodyBytes(), copy, gateway.peakRss(), gateway.cpu(), options.jfrFile());
        }
    }

    private GatewayPhase throughGateway(DatabaseUrl database) throws Exception {
        log("starting the gateway (-Xmx" + GATEWAY_HEAP + ")");
        try (GatewayProcess gateway = GatewayProcess.start(options.projectRoot(), database, GATEWAY_HEAP, workDir)) {
            List<String> keys = new ArrayList<>();
            for (String provider : PROVIDERS) {
                keys.add(gateway.registerProvider(provider));
            }
            log("gateway warm-up: " + options.warmup() + " lines per provider");
            submitConcurrently(gateway, keys, warmup, warmupLines);
            BenchPostgres.checkpoint(database);
            if (options.jfrFile() != null) {
                // started here rather than at launch, so the profile holds the measured phase only
                gateway.jcmd("JFR.start", "name=ingest", "settings=profile", "filename=" + options.jfrFile());
            }
            log("gateway measured: " + options.records() + " lines in " + PROVIDERS.size()
                    + " concurrent submissions");
            CpuMeter cpu = new CpuMeter(gateway.pid(), postgresDir);
            cpu.start();
            long started = System.nanoTime();
            long bodyBytes = submitConcurrently(gateway, keys, measured, measuredLines);
            long nanos = System.nanoTime() - started;
            CpuMeter.Usage usage = cpu.stop();
            if (options.jfrFile() != null) {
                gateway.jcmd("JFR.stop", "name=ingest");
            }
            return new GatewayPhase(nanos, bodyBytes, gateway.peakResidentBytes(), usage);
        }
    }

    private CopyBaseline.Timing throughCopy(DatabaseUrl database) throws Exception {
        CopyBaseline copy = new CopyBaseline(database);
        log("COPY warm-up: " + options.warmup() + " lines per stream");
        copy.load(streams(warmup, warmupLines), new CpuMeter(-1, postgresDir));
        BenchPostgres.checkpoint(database);
        log("COPY measured: " + options.records() + " lines in " + PROVIDERS.size() + " parallel streams");
        return copy.load(streams(measured, measuredLines), new CpuMeter(-1, postgresDir));
    }

    /** Sends one submission per provider at once and checks every answer's counts; returns the bytes sent. */
    private static long submitConcurrently(GatewayProcess gateway, List<String> keys, List<RecordGenerator> generators,
                                           long[] lines) {
        List<GeneratedStream> bodies = new ArrayList<>();
        List<CompletableFuture<SubmissionAnswer>> answers = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            GeneratedStream body = GeneratedStream.ndjson(generators.get(i), lines[i]);
            bodies.add(body);
            answers.add(gateway.submit(keys.get(i), body));
        }
        long bytes = 0;
        for (int i = 0; i < answers.size(); i++) {
            answers.get(i).join().requireEqualTo(SubmissionAnswer.expectedFor(lines[i]),
                    "the submission of " + PROVIDERS.get(i));
            bytes += bodies.get(i).bytesRead();
        }
        return bytes;
    }

    private static List<CopyBaseline.Stream> streams(List<RecordGenerator> generators, long[] lines) {
        List<CopyBaseline.Stream> streams = new ArrayList<>();
        for (int i = 0; i < generators.size(); i++) {
            streams.add(new CopyBaseline.Stream(PROVIDERS.get(i), generators.get(i), lines[i]));
        }
        return streams;
    }

    private static long validRecords(long[] lines) {
        long valid = 0;
        for (long count : lines) {
            valid += count - RecordGenerator.invalidLines(count);
        }
        return valid;
    }

    private static void requireRows(DatabaseUrl database, long expected, String where) throws Exception {
        long rows = Long.parseLong(BenchPostgres.queryOne(database, "SELECT count(*) FROM record_versions"));
        if (rows != expected) {
            throw new IllegalStateException(where + " holds " + rows + " record versions, expected " + expected);
        }
    }

    /** The two sides must have loaded the same content, not just as many rows: compare one record's data. */
    private static void requireSameData(DatabaseUrl gatewayDatabase, DatabaseUrl copyDatabase,
                                        RecordGenerator generator) throws Exception {
        String query = "SELECT data::text FROM record_versions WHERE record_id = '" + generator.recordId(7) + "'";
        String viaGateway = BenchPostgres.queryOne(gatewayDatabase, query);
        String viaCopy = BenchPostgres.queryOne(copyDatabase, query);
        if (viaGateway == null || !viaGateway.equals(viaCopy)) {
            throw new IllegalStateException("record 7 differs: the gateway stored " + viaGateway + ", COPY loaded "
                    + viaCopy);
        }
    }

    static void log(String message) {
        System.err.println("[bench] " + message);
    }
}
