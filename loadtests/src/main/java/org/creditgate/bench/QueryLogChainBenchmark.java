package org.creditgate.bench;

import org.creditgate.config.DatabaseUrl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What chaining by row trigger costs the query log: group-commit inserts of entries without their chain values
 * (the statement {@code QueryLogWriter} sent before migration V7; since then the writer computes the hashes
 * itself and only hash-less inserts are chained by the trigger) into the gateway's schema with the chain triggers,
 * against the same schema with them dropped, in one run, alternating rounds so both sides see the same machine. {@code writers} connections insert concurrently, as several gateway
 * instances (or event loops) would, so contention on the chain's head shows.
 *
 * <p>Usage: {@code QueryLogChainBenchmark [seconds-per-round] [rounds] [writers]}; prints entries per second for
 * batch sizes 1, 50 and 500. System properties: {@code bench.batches} (e.g. {@code 500}) chooses the batch sizes;
 * {@code bench.chained-sql} runs a statement on the chained database first (to try a variant of the trigger).
 */
public final class QueryLogChainBenchmark {

    private static final String INSERT = """
            INSERT INTO query_log (query_id, client_id, role, channel, reason, on_behalf_of, subjects, categories)
            SELECT e.query_id, e.client_id, e.role, e.channel, e.reason, e.on_behalf_of,
                   string_to_array(e.subjects, ','), string_to_array(e.categories, ',')
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS e(query_id, client_id, role, channel, reason, on_behalf_of, subjects, categories)
            """;

    private QueryLogChainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int writers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path directory = Files.createTempDirectory("creditgate-chain-bench");
        try (BenchPostgres postgres = BenchPostgres.start(directory)) {
            DatabaseUrl chained = postgres.migratedDatabase("chained");
            DatabaseUrl plain = postgres.migratedDatabase("plain");
            try (Connection c = BenchPostgres.connect(plain); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER query_log_chain ON query_log");
                // V7: the statement trigger that checks the chain and moves its head
                s.execute("DROP TRIGGER query_log_link ON query_log");
                s.execute("ALTER TABLE query_log ALTER COLUMN seq SET DEFAULT 0, "
                        + "ALTER COLUMN prev_hash SET DEFAULT '\\x', ALTER COLUMN hash SET DEFAULT '\\x'");
            }
            String variant = System.getProperty("bench.chained-sql");
            if (variant != null) {
                try (Connection c = BenchPostgres.connect(chained); Statement s = c.createStatement()) {
                    s.execute(variant);
                }
            }
            System.out.printf("PostgreSQL %s, %d cores, %d writers, %d s rounds x %d%n",
                    BenchPostgres.serverVersion(chained), Runtime.getRuntime().availableProcessors(), writers,
                    seconds, rounds);
            for (String size : System.getProperty("bench.batches", "1,50,500").split(",")) {
                int batch = Integer.parseInt(size.strip());
                double chainedTotal = 0;
                double plainTotal = 0;
                for (int round = 0; round < rounds; round++) {
                    plainTotal += run(plain, batch, writers, seconds);
                    chainedTotal += run(chained, batch, writers, seconds);
                }
                double p = plainTotal / rounds;
                double ch = chainedTotal / rounds;
                System.out.printf("batch %4d: without chain %8.0f entries/s, with chain %8.0f entries/s (%.0f%%)%n",
                        batch, p, ch, 100 * ch / p);
            }
        }
    }

    /** Entries per second written by {@code writers} connections in {@code seconds}. */
    private static double run(DatabaseUrl url, int batch, int writers, int seconds) throws Exception {
        BenchPostgres.checkpoint(url);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        List<Future<Long>> written = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            written.add(pool.submit(() -> write(url, batch, deadline)));
        }
        long entries = 0;
        for (Future<Long> f : written) {
            entries += f.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return entries / elapsed;
    }

    private static long write(DatabaseUrl url, int batch, long deadline) throws SQLException {
        long entries = 0;
        try (Connection c = BenchPostgres.connect(url); PreparedStatement insert = c.prepareStatement(INSERT)) {
            while (System.nanoTime() < deadline) {
                String[] ids = new String[batch];
                String[] clients = new String[batch];
                String[] roles = new String[batch];
                String[] channels = new String[batch];
                String[] reasons = new String[batch];
                String[] onBehalf = new String[batch];
                String[] subjects = new String[batch];
                String[] categories = new String[batch];
                for (int i = 0; i < batch; i++) {
                    ids[i] = UUID.randomUUID().toString();
                    clients[i] = "bench-agency";
                    roles[i] = "agency";
                    channels[i] = "api";
                    reasons[i] = "贷前审查";
                    subjects[i] = "91440300192203821" + (i % 10);
                    categories[i] = "admin_penalty,admin_license";
                }
                int column = 1;
                for (String[] values : List.of(ids, clients, roles, channels, reasons, onBehalf, subjects,
                        categories)) {
                    Array array = c.createArrayOf("text", values);
                    insert.setArray(column++, array);
                }
                insert.executeUpdate();
                entries += batch;
            }
        }
        return entries;
    }
}
