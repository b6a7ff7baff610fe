package org.creditgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Crash safety, run by {@code loadtests/crash-rounds}: the real jar on its embedded PostgreSQL (a fresh data
 * directory), several providers streaming submissions, and {@code kill -9} of the gateway at a random moment, round
 * after round. After every restart (which must take over the PostgreSQL the killed gateway left running) the
 * database is checked by SQL: every record of every acknowledged submission is there exactly once, as version 1.
 * At the end every submission ever sent, acknowledged or not, is sent again: all are acknowledged, and still no
 * record is duplicated or versioned twice.
 *
 * <p>Options: {@code --rounds N} (5), {@code --providers N} (4), {@code --records N} per submission (500),
 * {@code --kill-after-ms MIN-MAX} (2000-8000), {@code --seed N}. Exit status 0, or 1 when anything acknowledged
 * is lost or duplicated or the run fails.
 */
public final class CrashRounds {

    private final int rounds;
    private final int providers;
    private final int records;
    private final long minKillMs;
    private final long maxKillMs;
    private final long seed;
    private final Path projectRoot;

    private CrashRounds(String[] args) {
        int rounds = 5;
        int providers = 4;
        int records = 500;
        long minKill = 2000;
        long maxKill = 8000;
        long seed = System.nanoTime();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--providers" -> providers = Integer.parseInt(value);
                case "--records" -> records = Integer.parseInt(value);
                case "--kill-after-ms" -> {
                    String[] range = value.split("-");
                    minKill = Long.parseLong(range[0]);
                    maxKill = Long.parseLong(range[range.length - 1]);
                }
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--rounds, --providers, --records, --kill-after-ms MIN-MAX, --seed)");
            }
            i++;
        }
        if (rounds < 1 || providers < 1 || records < 1 || minKill < 0 || maxKill < minKill) {
            throw new IllegalArgumentException("rounds, providers and records must be positive, MIN <= MAX");
        }
        this.rounds = rounds;
        this.providers = providers;
        this.records = records;
        this.minKillMs = minKill;
        this.maxKillMs = maxKill;
        this.seed = seed;
        this.projectRoot = Path.of(System.getProperty("creditgate.root", ".")).toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws Exception {
        BenchMain.run("crash-rounds", args, "creditgate-crash-", true, line -> new CrashRounds(line)::run);
    }

    private int run(Path workDir) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        System.out.printf("crash-rounds: %d rounds, %d providers, %d records per submission, kill after %d-%d ms, "
                + "seed %d%n", rounds, providers, records, minKillMs, maxKillMs, seed);
        GatewayJar gateway = new GatewayJar(projectRoot, workDir, null);
        double firstStart = gateway.start();
        System.out.printf("first start (new data directory, initdb): ready in %.1f s%n", firstStart);
        List<ProviderStream> streams = new ArrayList<>();
        for (int p = 0; p < providers; p++) {
            String id = "crash-p" + p;
            String key = gateway.register("{\"id\":\"" + id + "\",\"name\":\"报送单位 " + p + "\",\"role\":\"provider\","
                    + "\"categories\":[\"" + RecordGenerator.CATEGORY + "\"]}");
            streams.add(new ProviderStream(id, key, records, p * 10_000_000L));
        }

        int problems = 0;
        int orphansTakenOver = 0;
        List<Double> restarts = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(providers);
        try {
            for (int round = 1; round <= rounds; round++) {
                AtomicBoolean streaming = new AtomicBoolean(true);
                List<Future<?>> running = new ArrayList<>();
                for (ProviderStream stream : streams) {
                    running.add(senders.submit(() -> {
                        while (streaming.get()) {
                            stream.sendNext(gateway);
                        }
                        return null;
                    }));
                }
                long killAfter = minKillMs + (maxKillMs > minKillMs ? random.nextLong(maxKillMs - minKillMs + 1) : 0);
                Thread.sleep(killAfter);
                gateway.kill();
                streaming.set(false);
                for (Future<?> sender : running) {
                    sender.get(120, TimeUnit.SECONDS);
                }
                double restart = gateway.start();
                restarts.add(restart);
                boolean tookOver = gateway.logContains("left running");
                if (tookOver) {
                    orphansTakenOver++;
                }
                Check check = check(workDir, streams);
                problems += check.lost() + check.duplicated();
                System.out.printf("round %d: killed after %d ms; restarted in %.1f s%s; %s%n", round, killAfter,
                        restart, tookOver ? " (took over the PostgreSQL the killed gateway left running)" : "", check);
            }

            // everything again, acknowledged or not: all acknowledged now, nothing doubled
            long resent = 0;
            long resentAcknowledged = 0;
            for (ProviderStream stream : streams) {
                for (int index = 0; index < stream.submissionsSent(); index++) {
                    resent++;
                    if (stream.resend(gateway, index).acknowledged()) {
                        resentAcknowledged++;
                    }
                }
            }
            Check afterResend = checkEverything(workDir, streams);
            problems += afterResend.lost() + afterResend.duplicated() + (int) (resent - resentAcknowledged);
            System.out.printf("resubmitted all %d submissions: %d acknowledged; %s%n", resent, resentAcknowledged,
                    afterResend);
            int exit = gateway.stop();
            System.out.printf("stopped with SIGTERM: exit status %d%n", exit);
        } finally {
            senders.shutdownNow();
        }

        long sent = streams.stream().mapToLong(ProviderStream::submissionsSent).sum();
        long acknowledged = streams.stream().flatMap(s -> s.ledger().stream()).filter(ProviderStream.Sent::acknowledged)
                .count();
        System.out.printf("%nsummary: %d rounds of kill -9, %d submissions sent, %d acknowledged, %d cut; "
                        + "restarts %.1f-%.1f s, %d of %d took over an orphaned PostgreSQL; problems: %d%n",
                rounds, sent, acknowledged, sent - acknowledged,
                restarts.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                restarts.stream().mapToDouble(Double::doubleValue).max().orElse(0), orphansTakenOver, rounds, problems);
        System.out.println(problems == 0 ? "PASS: nothing acknowledged was lost, nothing was duplicated"
                : "FAIL: see the lines above");
        return problems == 0 ? 0 : 1;
    }

    /**
     * @param acknowledgedRecords records the acknowledged submissions promised
     * @param lost                of those, missing from the database
     * @param duplicated          rows beyond one per record, plus rows with a version other than 1
     * @param rows                rows in record_versions
     */
    record Check(String promise, long acknowledgedRecords, int lost, int duplicated, long rows) {
        @Override
        public String toString() {
            return String.format("%d %s, %d lost, %d duplicated, %d rows stored", acknowledgedRecords, promise,
                    lost, duplicated, rows);
        }
    }

    /** Every acknowledged submission's records present once, version 1; no record stored twice. */
    private static Check check(Path workDir, List<ProviderStream> streams) throws IOException, SQLException {
        try (Connection db = connect(workDir)) {
            long promised = 0;
            int lost = 0;
            for (ProviderStream stream : streams) {
                for (ProviderStream.Sent sent : stream.ledger()) {
                    if (sent.acknowledged()) {
                        List<String> ids = stream.validRecordIds(sent.index());
                        promised += ids.size();
                        lost += ids.size() - (int) stored(db, stream.id(), ids);
                    }
                }
            }
            return new Check("records acknowledged so far", promised, lost, duplicated(db), rows(db));
        }
    }

    /** After resending everything: every record of every submission ever sent is there, once. */
    private static Check checkEverything(Path workDir, List<ProviderStream> streams) throws IOException, SQLException {
        try (Connection db = connect(workDir)) {
            long promised = 0;
            int lost = 0;
            for (ProviderStream stream : streams) {
                for (int index = 0; index < stream.submissionsSent(); index++) {
                    List<String> ids = stream.validRecordIds(index);
                    promised += ids.size();
                    lost += ids.size() - (int) stored(db, stream.id(), ids);
                }
            }
            long rows = rows(db);
            int extra = (int) (rows - promised);
            return new Check("records in all submissions sent", promised, lost, duplicated(db) + Math.max(0, extra),
                    rows);
        }
    }

    private static long stored(Connection db, String provider, List<String> ids) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT count(*) FROM record_versions WHERE provider = ? "
                + "AND category = ? AND record_id = ANY(?) AND version = 1")) {
            s.setString(1, provider);
            s.setString(2, RecordGenerator.CATEGORY);
            s.setArray(3, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int duplicated(Connection db) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT (SELECT count(*) FROM record_versions) - "
                + "(SELECT count(*) FROM (SELECT DISTINCT provider, category, record_id FROM record_versions) d) "
                + "+ (SELECT count(*) FROM record_versions WHERE version <> 1)");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long rows(Connection db) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT count(*) FROM record_versions");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The gateway's embedded PostgreSQL, found by the port in its postmaster.pid (fourth line). */
    private static Connection connect(Path workDir) throws IOException, SQLException {
        List<String> pid = Files.readAllLines(workDir.resolve("data/postgres/postmaster.pid"));
        String port = pid.get(3).trim();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/creditgate", "postgres", "");
    }
}
