package org.creditgate.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.creditgate.config.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL the gateway starts for itself when no database URL is configured. Its files live under
 * {@code <data_dir>/postgres} and persist across restarts; the server stops with the gateway.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "creditgate";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (and on first use creates) the server whose files live in {@code directory}. Blocking. */
    public static EmbeddedDatabase start(Path directory) throws IOException {
        return start(directory, 0);
    }

    /** As {@link #start(Path)}, on a given port (0: any free port). */
    public static EmbeddedDatabase start(Path directory, int port) throws IOException {
        Files.createDirectories(directory);
        stopOrphanedServer(directory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory.toFile())
                .setCleanDataDirectory(false)
                // the gateway stops the server itself, after its last write
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setPort(port)
                // the embedded server's launcher disables fsync by default; acknowledged data must survive a crash
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres);
        database.createApplicationDatabase();
        LOG.info("embedded PostgreSQL ready at {} with data in {}", database.url(), directory);
        return database;
    }

    public DatabaseUrl url() {
        return new DatabaseUrl("127.0.0.1", postgres.getPort(), DATABASE, "postgres", "");
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates another database on this server (tests give each gateway its own). */
    public DatabaseUrl createDatabase(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new DatabaseUrl("127.0.0.1", postgres.getPort(), name, "postgres", "");
    }

    private void createApplicationDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the creditgate database", e);
        }
    }

    /**
     * A gateway killed without its shutdown hook leaves its PostgreSQL running, holding the data directory.
     * That server is ours (same data directory): stop it so this start can take the directory over.
     */
    private static void stopOrphanedServer(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(true));
        if (server.isEmpty()) {
            return;
        }
        LOG.warn("stopping a PostgreSQL left running on {} by an earlier gateway (pid {})", directory, server.get().pid());
        server.get().destroy();
        try {
            server.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the PostgreSQL left running on " + directory + " did not stop", e);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
