package org.creditgate.store;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.config.GatewayConfig;

import java.util.concurrent.TimeUnit;

/** Opens the reactive connection pool: bounded in size and in waiting requests, so an outage fails fast. */
public final class Database {

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
        return PgBuilder.pool().with(pool).with(network).connectingTo(connect).using(vertx).build();
    }
}
