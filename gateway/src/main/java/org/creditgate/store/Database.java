package org.creditgate.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Opens the reactive connection pool: bounded in size and in waiting requests, so an outage fails fast.
 *
 * <p>Every connection of the pool takes the role {@value #APP_ROLE} (migration V5), which may only read and
 * append to the logs: the gateway cannot change its own record even if it wanted to. The login user of the
 * database URL must be allowed to {@code SET ROLE} to it: the embedded server's superuser is; on an external
 * database the login user must be a member of {@value #APP_ROLE} (V5 grants that when it may, else a DBA runs
 * {@code GRANT creditgate_app TO <login user>}).
 */
public final class Database {

    public static final String APP_ROLE = "creditgate_app";

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {
    }

    public static Pool pool(Vertx vertx, DatabaseUrl url, GatewayConfig.Database settings, int eventLoops) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost(url.host())
                .setPort(url.port())
                .setDatabase(url.database())
                .setUser(url.user())
                .setPassword(url.password())
                .setCachePreparedStatements(true)
                .setPreparedStatementCacheMaxSize(256)
                .setPipeliningLimit(256);
        // a statement (a lock wait included) or an open transaction left idle cannot hold a connection forever:
        // the server cancels it, the request fails with 503 and the connection goes back to the pool
        connect.addProperty("statement_timeout", Integer.toString(settings.statementTimeoutMs()));
        connect.addProperty("idle_in_transaction_session_timeout", Integer.toString(settings.statementTimeoutMs()));
        NetClientOptions network = new NetClientOptions()
                .setConnectTimeout(settings.connectTimeoutMs())
                .setTcpKeepAlive(true)
                .setTcpNoDelay(true);
        PoolOptions pool = new PoolOptions()
                .setName("creditgate")
                .setMaxSize(settings.poolSize())
                .setMaxWaitQueueSize(settings.maxWaitQueue())
                .setConnectionTimeout(settings.acquireTimeoutMs())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setEventLoopSize(Math.max(1, Math.min(eventLoops, settings.poolSize())));
        return PgBuilder.pool().with(pool).with(network).connectingTo(connect).using(vertx)
                .withConnectHandler(Database::takeAppRole)
                .build();
    }

    /**
     * Fails unless the pool's connections run as {@value #APP_ROLE}: the gateway refuses to start with more
     * rights than it needs (and with a clear message when the login user may not take the role).
     */
    public static Future<Void> checkAppRole(Pool pool) {
        return pool.query("SELECT current_user").execute().compose(rows -> {
            String role = rows.iterator().next().getString(0);
            if (APP_ROLE.equals(role)) {
                return Future.succeededFuture();
            }
            return Future.failedFuture(new IllegalStateException("the database connections run as '" + role
                    + "', not as '" + APP_ROLE + "': the login user must be a member of " + APP_ROLE
                    + " (GRANT " + APP_ROLE + " TO <login user>)"));
        });
    }

    /** Runs once per new connection, before the pool hands it out; closing it gives it to the pool. */
    private static void takeAppRole(SqlConnection connection) {
        connection.query("SET ROLE " + APP_ROLE).execute().onComplete(done -> {
            if (done.failed()) {
                LOG.error("a database connection cannot SET ROLE {}; it keeps the login user's rights",
                        APP_ROLE, done.cause());
            }
            connection.close();
        });
    }
}
