package org.creditgate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.config.GatewayConfig;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The JDBC connections that write submitted records. Records go in with {@code COPY}, which loads rows in bulk
 * (PostgreSQL inserts them a page at a time) where an {@code INSERT} inserts them one by one; the reactive client
 * does not speak the COPY sub-protocol, the JDBC driver does. Everything else stays on the reactive pool.
 *
 * <p>The work is blocking, so it runs on a worker pool as large as the connection pool: an event loop never waits
 * for the database, and a worker always finds a free connection. Batches of more submissions than there are
 * connections wait in the workers' queue, as requests wait for the reactive pool.
 *
 * <p>Like the reactive pool, the connections take the role {@value Database#APP_ROLE} (a connection that cannot
 * take it is not used), and the server cancels a statement or an idle open transaction after the statement
 * timeout.
 */
public final class WriterConnections implements AutoCloseable {

    /** Work done inside one transaction on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final HikariDataSource dataSource;
    private final WorkerExecutor workers;

    private WriterConnections(HikariDataSource dataSource, WorkerExecutor workers) {
        this.dataSource = dataSource;
        this.workers = workers;
    }

    public static WriterConnections open(Vertx vertx, DatabaseUrl url, GatewayConfig.Database settings,
                                         MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("creditgate-writers");
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(settings.writerConnections());
        config.setMinimumIdle(0);
        // the gateway starts (and says whether the database is there) without waiting for these connections
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(Math.max(250, settings.acquireTimeoutMs()));
        config.setConnectionInitSql("SET ROLE " + Database.APP_ROLE);
        config.setAutoCommit(false);
        config.addDataSourceProperty("ApplicationName", "creditgate-writer");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("connectTimeout",
                Long.toString(Math.max(1, TimeUnit.MILLISECONDS.toSeconds(settings.connectTimeoutMs()))));
        config.addDataSourceProperty("options", "-c statement_timeout=" + settings.statementTimeoutMs()
                + " -c idle_in_transaction_session_timeout=" + settings.statementTimeoutMs());
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("creditgate-writers",
                settings.writerConnections(), Math.max(settings.statementTimeoutMs(), 60_000L),
                TimeUnit.MILLISECONDS);
        return new WriterConnections(new HikariDataSource(config), workers);
    }

    /**
     * Runs the work in one transaction on a worker: commits when it returns, rolls back when it throws. The
     * future completes on the caller's context.
     */
    public <T> Future<T> inTransaction(Work<T> work) {
        return workers.executeBlocking(() -> {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
            }
        }, false);
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is broken: Hikari drops it; the work's own failure is the one to report
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        workers.close();
        dataSource.close();
    }
}
