package org.creditgate.bench;

import org.creditgate.config.DatabaseUrl;
import org.creditgate.store.EmbeddedDatabase;
import org.creditgate.store.Migrations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One PostgreSQL server holding a database per side of a comparison, each migrated to the gateway's schema, so both
 * sides write to identical tables and indexes: the embedded one (the gateway's own, with fsync and synchronous commit
 * on), or a server given by the system property {@value #GIVEN} ({@code postgresql://user:password@host:port/db},
 * a role allowed to create databases; the benchmark's databases there are dropped and created anew).
 */
final class BenchPostgres implements AutoCloseable {

    /** The system property naming a PostgreSQL server to use instead of the embedded one. */
    static final String GIVEN = "creditgate.bench.postgres";

    private final EmbeddedDatabase server;
    private final DatabaseUrl given;
    private boolean closed;

    private BenchPostgres(EmbeddedDatabase server, DatabaseUrl given) {
        this.server = server;
        this.given = given;
    }

    /**
     * Starts the embedded server in {@code directory}, or connects to the given one. Either way
     * {@code directory/postmaster.pid} then names the server's postmaster, where {@link CpuMeter} reads it; for a
     * given server on another machine it holds -1, and its CPU is not counted.
     */
    static BenchPostgres start(Path directory) throws IOException {
        String givenUrl = System.getProperty(GIVEN, "");
        if (!givenUrl.isBlank()) {
            DatabaseUrl given = DatabaseUrl.parse(givenUrl.trim());
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("postmaster.pid"), localPostmasterPid(given) + "\n");
            return new BenchPostgres(null, given);
        }
        BenchPostgres postgres = new BenchPostgres(EmbeddedDatabase.start(directory), null);
        // the server runs detached from this JVM: an interrupted run must not leave it behind
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::closeQuietly, "stop-postgres"));
        return postgres;
    }

    /** A new database with the gateway's schema. */
    DatabaseUrl migratedDatabase(String name) {
        DatabaseUrl url = given == null ? server.createDatabase(name) : recreate(name);
        Migrations.migrate(url);
        return url;
    }

    private DatabaseUrl recreate(String name) {
        String quoted = "\"" + name.replace("\"", "") + "\"";
        try (Connection c = connect(given); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + quoted);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + given, e);
        }
        return new DatabaseUrl(given.host(), given.port(), name, given.user(), given.password());
    }

    /** The postmaster of a server on this machine is the parent of our backend; -1 when it is elsewhere. */
    private static long localPostmasterPid(DatabaseUrl url) {
        try (Connection c = connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            Path stat = Path.of("/proc", Long.toString(rs.getLong(1)), "stat");
            if (!Files.exists(stat)) {
                return -1;
            }
            String line = Files.readString(stat);
            return Long.parseLong(line.substring(line.lastIndexOf(')') + 2).trim().split(" ")[1]);
        } catch (SQLException | IOException | RuntimeException e) {
            throw new IllegalStateException("cannot reach the PostgreSQL given by -D" + GIVEN + ": " + e.getMessage(),
                    e);
        }
    }

    /** What the report says of the server. */
    String description() {
        return given == null ? "embedded, fsync and synchronous_commit on" : "given: " + given;
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
        if (!closed && server != null) {
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
