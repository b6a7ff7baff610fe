package org.creditgate.bench;

import org.creditgate.config.DatabaseUrl;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The lookup benchmark (issue 4): a data set loaded through the gateway's submission API, then 1000-subject lookups
 * of a hot (cached) set, cold lookups of subjects never asked before, and the same cold subject sets queried straight
 * from PostgreSQL with the gateway's own query. Two lookup clients share every phase: an agency stating a reason
 * (5% of the subjects authorized it), and the public, who sees natural persons desensitised.
 */
final class LookupRun {

    static final String AGENCY = "bench-agency";
    static final String PUBLIC = "bench-public";
    static final String REASON = "贷款审查 基准测试";
    /** Subjects {@code i} with {@code i % 20 == 7} authorized the agency: 5%. */
    static final int AUTHORIZED_EVERY = 20;
    private static final long SEED = 20_261_123L;
    private static final Duration JIT_WARMUP = Duration.ofSeconds(5);
    private static final Duration UNLIMITED = Duration.ofHours(1);
    /** Distinct 1000-subject sets drawn from the hot set for the cached phase. */
    private static final int HOT_LOOKUPS = 200;
    /** Cores that processes outside the benchmark may use when a measured phase starts. */
    private static final double QUIET = 0.1;

    /** How the data set got in. */
    record Load(long penalties, long defaulters, long nanos, long authorizations, long authorizationNanos,
                String tableSize) {
        long records() {
            return penalties + defaulters;
        }
    }

    /** The query log's side of a phase, from the gateway's /metrics. */
    record QueryLog(double entries, double batches, double writeSeconds) {
        double meanBatch() {
            return batches == 0 ? 0 : entries / batches;
        }

        double meanWriteMillis() {
            return batches == 0 ? 0 : writeSeconds * 1e3 / batches;
        }

        QueryLog plus(QueryLog other) {
            return new QueryLog(entries + other.entries, batches + other.batches, writeSeconds + other.writeSeconds);
        }
    }

    /** A measured phase through the gateway. */
    record GatewayPhase(ClosedLoop.Outcome outcome, CpuMeter.Usage cpu, QueryLog queryLog, long cacheHits,
                        long cacheMisses, int connections) {
        GatewayPhase plus(GatewayPhase other) {
            return new GatewayPhase(outcome.plus(other.outcome),
                    CpuMeter.Usage.weighted(cpu, outcome.nanos(), other.cpu, other.outcome.nanos()),
                    queryLog.plus(other.queryLog), cacheHits + other.cacheHits, cacheMisses + other.cacheMisses,
                    connections);
        }
    }

    /** The baseline's measured runs. */
    record PostgresPhase(ClosedLoop.Outcome outcome, CpuMeter.Usage cpu) {
        PostgresPhase plus(PostgresPhase other) {
            return new PostgresPhase(outcome.plus(other.outcome),
                    CpuMeter.Usage.weighted(cpu, outcome.nanos(), other.cpu, other.outcome.nanos()));
        }
    }

    /** The figures of one run. */
    /** A short cached run at one concurrency, to find the best. */
    record Tuning(int connections, ClosedLoop.Outcome outcome, CpuMeter.Usage cpu) {
    }

    record Figures(Machine machine, LookupOptions options, int persons, Load load, int hotLookups, List<Tuning> tuning,
                   GatewayPhase cached, GatewayPhase cold, PostgresPhase postgres, long gatewayHeapUsed,
                   long gatewayHeapAfterGc, long gatewayPeakRss, JfrHotSpots cachedProfile, JfrHotSpots coldProfile) {
        double coldRatio() {
            return cold.outcome().subjectsPerSecond() / postgres.outcome().subjectsPerSecond();
        }
    }

    private record LookupClient(String key, boolean publicViewer, String reason) {
    }

    private final LookupOptions options;
    private final Path workDir;
    private final Path postgresDir;
    private final SubjectPopulation population;
    private final LookupAnswer answers;
    private final List<LookupClient> clients = new ArrayList<>();

    LookupRun(LookupOptions options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
        this.postgresDir = workDir.resolve("postgres");
        this.population = new SubjectPopulation(options.subjects(), LocalDate.now(ZoneId.of("Asia/Shanghai")));
        this.answers = new LookupAnswer(population);
    }

    Figures run() throws Exception {
        try (BenchPostgres postgres = BenchPostgres.start(postgresDir)) {
            DatabaseUrl database = postgres.migratedDatabase("lookup");
            Machine machine = Machine.describe(BenchPostgres.serverVersion(database));
            log("starting the gateway (-Xmx" + options.heap() + ")");
            // deep enough for the answer's nested serializers, so profiles see which code asked for them
            List<String> jvmOptions = options.jfrFile() == null ? List.of()
                    : List.of("-XX:FlightRecorderOptions:stackdepth=256");
            try (GatewayProcess gateway = GatewayProcess.start(options.projectRoot(), database, options.heap(),
                    jvmOptions, workDir)) {
                // even workers look up as the agency, odd ones as the public
                clients.add(new LookupClient(gateway.registerLookupClient(AGENCY, "agency"), false, REASON));
                clients.add(new LookupClient(gateway.registerLookupClient(PUBLIC, "public"), true, null));
                Load load = load(gateway, database);

                int batch = options.batch();
                int[] order = SubjectSets.shuffledSubjects(options.subjects(), SEED);
                int hotEnd = options.hot();
                int warmEnd = hotEnd + LookupOptions.warmupSubjects(batch);
                List<int[]> hotFill = SubjectSets.partition(order, 0, hotEnd, batch);
                int[] hotPool = java.util.Arrays.copyOfRange(order, 0, hotEnd);
                List<int[]> hotLookups = SubjectSets.drawn(hotPool, HOT_LOOKUPS, Math.min(batch, hotEnd), SEED + 1);
                List<int[]> warmSets = SubjectSets.partition(order, hotEnd, warmEnd, batch);
                List<int[]> coldSets = SubjectSets.partition(order, warmEnd, options.subjects(), batch);
                List<int[]> firstHalf = coldSets.subList(0, coldSets.size() / 2);
                List<int[]> secondHalf = coldSets.subList(coldSets.size() / 2, coldSets.size() / 2 * 2);

                int mostConnections = options.connections() > 0 ? options.connections()
                        : LookupOptions.TUNED_CONNECTIONS.get(LookupOptions.TUNED_CONNECTIONS.size() - 1);
                int transportConnections = Math.max(mostConnections, options.coldConnections());
                try (LookupTransport transport = LookupTransport.create(options.client(), gateway,
                        transportConnections);
                     PostgresLookups baseline = new PostgresLookups(database, options.coldConnections(), population)) {
                    log("filling the cache with the hot set: " + hotEnd + " subjects");
                    lookups(transport, SubjectSets.once(hotFill), 8, UNLIMITED);
                    log("warming up on cached lookups for " + JIT_WARMUP.toSeconds() + " s");
                    lookups(transport, SubjectSets.cycling(hotLookups), 8, JIT_WARMUP);
                    BenchPostgres.checkpoint(database);

                    List<Tuning> tuning = new ArrayList<>();
                    int connections = options.connections();
                    if (connections == 0) {
                        for (int tried : LookupOptions.TUNED_CONNECTIONS) {
                            log("tuning: cached lookups on " + tried + " connections for " + options.tuneSeconds()
                                    + " s");
                            GatewayPhase run = measured(gateway, transport, SubjectSets.cycling(hotLookups), tried,
                                    Duration.ofSeconds(options.tuneSeconds()));
                            require(run.cacheMisses() == 0, "a tuning run missed the cache " + run.cacheMisses()
                                    + " times");
                            tuning.add(new Tuning(tried, run.outcome(), run.cpu()));
                        }
                        connections = tuning.stream()
                                .max(java.util.Comparator.comparingDouble(t -> t.outcome().subjectsPerSecond()))
                                .orElseThrow().connections();
                    }

                    log("cached phase: " + connections + " connections for " + options.seconds() + " s");
                    GatewayPhase cached = measured(gateway, transport, SubjectSets.cycling(hotLookups),
                            connections, Duration.ofSeconds(options.seconds()));
                    require(cached.cacheMisses() == 0, "the cached phase missed the cache " + cached.cacheMisses()
                            + " times");

                    JfrHotSpots cachedProfile = null;
                    if (options.jfrFile() != null) {
                        log("profiling the cached load with JFR for " + options.jfrSeconds() + " s");
                        int profiledConnections = connections;
                        cachedProfile = profiled(gateway, options.jfrFile(), () -> lookups(transport,
                                SubjectSets.cycling(hotLookups), profiledConnections,
                                Duration.ofSeconds(options.jfrSeconds())));
                    }

                    log("warming up the cold path: " + warmSets.size() + " lookups through the gateway"
                            + (options.jfrFile() == null ? "" : " (profiled with JFR)") + ", then JDBC");
                    JfrHotSpots coldProfile = null;
                    if (options.jfrFile() != null) {
                        coldProfile = profiled(gateway, coldProfileFile(options.jfrFile()), () -> lookups(transport,
                                SubjectSets.once(warmSets), options.coldConnections(), UNLIMITED));
                    } else {
                        lookups(transport, SubjectSets.once(warmSets), options.coldConnections(), UNLIMITED);
                    }
                    baseline.run(SubjectSets.once(warmSets));
                    BenchPostgres.checkpoint(database);

                    // PostgreSQL's buffers favour whoever reads a set second: each side goes first on one half
                    log("cold phase, first half: " + firstHalf.size() + " lookups through the gateway, then PostgreSQL");
                    GatewayPhase coldFirst = measured(gateway, transport, SubjectSets.once(firstHalf),
                            options.coldConnections(), UNLIMITED);
                    PostgresPhase postgresFirst = baseline(baseline, firstHalf);
                    log("cold phase, second half: " + secondHalf.size() + " lookups through PostgreSQL, then the "
                            + "gateway");
                    PostgresPhase postgresSecond = baseline(baseline, secondHalf);
                    GatewayPhase coldSecond = measured(gateway, transport, SubjectSets.once(secondHalf),
                            options.coldConnections(), UNLIMITED);
                    GatewayPhase cold = coldFirst.plus(coldSecond);
                    require(cold.cacheHits() == 0, "the cold phase hit the cache " + cold.cacheHits() + " times");
                    require(cold.cacheMisses() == cold.outcome().subjects(), "the cold phase missed the cache "
                            + cold.cacheMisses() + " times for " + cold.outcome().subjects() + " subjects");

                    HeapSampler heap = new HeapSampler(gateway);
                    long heapUsed = heap.sample().heapUsed();
                    gateway.jcmd("GC.run");
                    long heapAfterGc = heap.sample().heapUsed();
                    return new Figures(machine, options, persons(), load, hotLookups.size(), tuning, cached, cold,
                            postgresFirst.plus(postgresSecond), heapUsed, heapAfterGc, gateway.peakResidentBytes(),
                            cachedProfile, coldProfile);
                }
            }
        }
    }

    /** Both categories in two concurrent submissions, then the agency's authorizations, then VACUUM ANALYZE. */
    private Load load(GatewayProcess gateway, DatabaseUrl database) throws Exception {
        String penaltyKey = gateway.registerProvider("bench-amr", SubjectPopulation.PENALTY);
        String defaulterKey = gateway.registerProvider("bench-court", SubjectPopulation.DEFAULTER);
        long penalties = population.recordsOf(SubjectPopulation.PENALTY);
        long defaulters = population.recordsOf(SubjectPopulation.DEFAULTER);
        log("loading " + population.size() + " subjects: " + penalties + " admin_penalty and " + defaulters
                + " court_defaulter records through the submission API");
        long started = System.nanoTime();
        CompletableFuture<SubmissionAnswer> penaltyAnswer = gateway.submit(penaltyKey, SubjectPopulation.PENALTY,
                population.submission(SubjectPopulation.PENALTY));
        CompletableFuture<SubmissionAnswer> defaulterAnswer = gateway.submit(defaulterKey,
                SubjectPopulation.DEFAULTER, population.submission(SubjectPopulation.DEFAULTER));
        penaltyAnswer.join().requireEqualTo(new SubmissionAnswer(penalties, penalties, 0), "the admin_penalty load");
        defaulterAnswer.join().requireEqualTo(new SubmissionAnswer(defaulters, defaulters, 0),
                "the court_defaulter load");
        long loadNanos = System.nanoTime() - started;

        log("authorizing the agency for every " + AUTHORIZED_EVERY + "th subject");
        OffsetDateTime expires = OffsetDateTime.now().plusYears(1);
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<Void>> grants = new ArrayList<>();
        CpuMeter grantCpu = new CpuMeter(gateway.pid(), postgresDir);
        grantCpu.start();
        started = System.nanoTime();
        for (int i = 0; i < population.size(); i++) {
            if (i % AUTHORIZED_EVERY == 7) {
                inFlight.acquire();
                grants.add(gateway.authorize(population.code(i), AGENCY, expires)
                        .whenComplete((ok, failed) -> inFlight.release()));
            }
        }
        CompletableFuture.allOf(grants.toArray(CompletableFuture[]::new)).join();
        long authorizationNanos = System.nanoTime() - started;
        log("authorizations: " + grantCpu.stop().describe());

        // as after any bulk load: autovacuum would otherwise start in the middle of a measured phase
        log("VACUUM ANALYZE");
        try (Connection c = BenchPostgres.connect(database); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE record_versions");
            s.execute("VACUUM ANALYZE authorizations");
        }
        String size = BenchPostgres.queryOne(database,
                "SELECT pg_size_pretty(pg_total_relation_size('record_versions'))");
        return new Load(penalties, defaulters, loadNanos, grants.size(), authorizationNanos, size);
    }

    private GatewayPhase measured(GatewayProcess gateway, LookupTransport transport, SubjectSets sets,
                                  int connections, Duration limit) throws Exception {
        CpuMeter cpu = new CpuMeter(gateway.pid(), postgresDir);
        awaitQuiet(cpu);
        PrometheusText before = new PrometheusText(gateway.metrics());
        cpu.start();
        ClosedLoop.Outcome outcome = lookups(transport, sets, connections, limit);
        CpuMeter.Usage usage = cpu.stop();
        PrometheusText after = new PrometheusText(gateway.metrics());
        QueryLog log = new QueryLog(
                delta(before, after, "creditgate_querylog_batch_entries_sum"),
                delta(before, after, "creditgate_querylog_batch_entries_count"),
                delta(before, after, "creditgate_querylog_write_seconds_sum"));
        require(Math.round(log.entries()) == outcome.calls(), "the query log took " + log.entries()
                + " entries for " + outcome.calls() + " lookups");
        return new GatewayPhase(outcome, usage, log,
                Math.round(delta(before, after, "creditgate_lookup_cache_total", "result=\"hit\"")),
                Math.round(delta(before, after, "creditgate_lookup_cache_total", "result=\"miss\"")), connections);
    }

    private PostgresPhase baseline(PostgresLookups baseline, List<int[]> sets) throws Exception {
        CpuMeter cpu = new CpuMeter(-1, postgresDir);
        awaitQuiet(cpu);
        cpu.start();
        ClosedLoop.Outcome outcome = baseline.run(SubjectSets.once(sets));
        return new PostgresPhase(outcome, cpu.stop());
    }

    private ClosedLoop.Outcome lookups(LookupTransport transport, SubjectSets sets, int connections, Duration limit)
            throws Exception {
        return ClosedLoop.run(connections, sets, limit, (worker, subjects) -> {
            LookupClient client = clients.get(worker % clients.size());
            LookupTransport.Answer answer = transport.post(client.key(), answers.request(subjects, client.reason()));
            return answers.check(answer.status(), answer.body(), subjects, client.publicViewer());
        });
    }

    /** Something to run while the gateway is recorded. */
    private interface LoadStep {
        void run() throws Exception;
    }

    /** Runs {@code step} under JFR (settings=profile) and sums the recording up. */
    private static JfrHotSpots profiled(GatewayProcess gateway, Path file, LoadStep step) throws Exception {
        gateway.jcmd("JFR.start", "name=lookup", "settings=profile", "filename=" + file);
        step.run();
        gateway.jcmd("JFR.stop", "name=lookup");
        return JfrHotSpots.read(file, 15);
    }

    /** lookup.jfr → lookup-cold.jfr, next to it. */
    static Path coldProfileFile(Path cachedProfile) {
        String name = cachedProfile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String cold = dot < 0 ? name + "-cold" : name.substring(0, dot) + "-cold" + name.substring(dot);
        return cachedProfile.resolveSibling(cold);
    }

    /** A measured phase starts once nothing outside the benchmark has used the cores for a second (or after 2 min). */
    private static void awaitQuiet(CpuMeter cpu) throws Exception {
        double other = cpu.awaitQuiet(QUIET, Duration.ofSeconds(1));
        if (other > QUIET) {
            log(String.format(java.util.Locale.ROOT, "other processes use %.2f cores: waiting up to 2 min", other));
            other = cpu.awaitQuiet(QUIET, Duration.ofMinutes(2));
            log(String.format(java.util.Locale.ROOT, "other processes now use %.2f cores", other));
        }
    }

    private int persons() {
        int persons = 0;
        for (int i = 0; i < population.size(); i++) {
            if (SubjectPopulation.isPerson(i)) {
                persons++;
            }
        }
        return persons;
    }

    private static double delta(PrometheusText before, PrometheusText after, String metric, String... labels) {
        return after.sum(metric, labels) - before.sum(metric, labels);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }

    private static void log(String message) {
        IngestRun.log(message);
    }
}
