package org.creditgate.bench;

import org.creditgate.config.DatabaseUrl;
import org.creditgate.store.EmbeddedDatabase;
import org.creditgate.store.Migrations;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded PostgreSQL (the gateway's own, with fsync and synchronous commit on) holding a database per side
 * of a comparison, each migrated to the gateway's schema, so both sides write to identical tables and indexes.
 */
final class BenchPostgres implements AutoCloseable {

    private final EmbeddedDatabase server;
    private boolean closed;

    private BenchPostgres(EmbeddedDatabase server) {
        this.server = server;
    }

    static BenchPostgres start(Path directory) throws IOException {
        BenchPostgres postgres = new BenchPostgres(EmbeddedDatabase.start(directory));
        // the server runs detached from this JVM: an interrupted run must not leave it behind
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::closeQuietly, "stop-postgres"));
        return postgres;
    }

    /** A new database with the gateway's schema. */
    DatabaseUrl migratedDatabase(String name) {
        DatabaseUrl url = server.createDatabase(name);
        Migrations.migrate(url);
        return url;
    }

    static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    static String serverVersion(DatabaseUrl url) throws SQLException {
        return queryOne(url, "SHOW server_version");
    }

    /** The first column of the first row, or null when there is none. */
    static String queryOne(DatabaseUrl url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Flushes dirty pages before a measured phase, so it does not pay for the writes of the phase before. */
    static void checkpoint(DatabaseUrl url) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            server.close();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            System.err.println("[bench] could not stop PostgreSQL: " + e.getMessage());
        }
    }
}
