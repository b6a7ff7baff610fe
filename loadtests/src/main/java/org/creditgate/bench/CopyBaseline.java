package org.creditgate.bench;

import org.creditgate.config.DatabaseUrl;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor to compare the gateway with: the same valid records loaded straight into {@code record_versions} by
 * {@code COPY ... FROM STDIN}, one stream per provider, all streams at once, each one statement (one commit).
 */
final class CopyBaseline {

    static final String COPY = "COPY record_versions (provider, category, record_id, version, action, subject_type, "
            + "subject_code, data, content_hash, period_start, period_end, submission_id) FROM STDIN";

    /** One provider's rows: the valid lines among {@code 0..lines-1} of its generator. */
    record Stream(String provider, RecordGenerator generator, long lines) {
        long validRows() {
            return lines - RecordGenerator.invalidLines(lines);
        }
    }

    record Timing(long rows, long nanos, CpuMeter.Usage cpu) {
        double rowsPerSecond() {
            return rows * 1e9 / nanos;
        }
    }

    private final DatabaseUrl database;

    CopyBaseline(DatabaseUrl database) {
        this.database = database;
    }

    /**
     * Loads the streams in parallel, each on its own connection; times from the first row to the last commit, and
     * meters the CPU over the same span (while the backends are alive, so their time is counted).
     */
    Timing load(List<Stream> streams, CpuMeter cpu) throws Exception {
        List<Connection> connections = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(streams.size());
        try {
            for (int i = 0; i < streams.size(); i++) {
                connections.add(BenchPostgres.connect(database));
            }
            cpu.start();
            long started = System.nanoTime();
            List<Future<Long>> loads = new ArrayList<>();
            for (int i = 0; i < streams.size(); i++) {
                Stream stream = streams.get(i);
                Connection connection = connections.get(i);
                loads.add(threads.submit(() -> copy(connection, stream)));
            }
            long rows = 0;
            for (int i = 0; i < loads.size(); i++) {
                long loaded = loads.get(i).get();
                if (loaded != streams.get(i).validRows()) {
                    throw new IllegalStateException("COPY of " + streams.get(i).provider() + " loaded " + loaded
                            + " rows, expected " + streams.get(i).validRows());
                }
                rows += loaded;
            }
            long nanos = System.nanoTime() - started;
            return new Timing(rows, nanos, cpu.stop());
        } finally {
            threads.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static long copy(Connection connection, Stream stream) throws Exception {
        GeneratedStream rows = GeneratedStream.copyRows(stream.generator(), stream.lines(), stream.provider(),
                UUID.randomUUID());
        return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, rows, 64 * 1024);
    }
}
