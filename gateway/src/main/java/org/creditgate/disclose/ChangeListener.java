package org.creditgate.disclose;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import org.creditgate.collect.RecordQueries;
import org.creditgate.config.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Keeps one connection that LISTENs for changed subjects and drops them from this instance's cache. When the
 * connection is lost, announcements may be missed: the whole cache is dropped and the listener reconnects.
 */
public final class ChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    private static final long RETRY_MS = 1000;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final SubjectCache cache;
    private volatile boolean stopped;
    private volatile PgConnection connection;

    public ChangeListener(Vertx vertx, DatabaseUrl url, SubjectCache cache) {
        this.vertx = vertx;
        this.cache = cache;
        this.options = new PgConnectOptions().setHost(url.host()).setPort(url.port()).setDatabase(url.database())
                .setUser(url.user()).setPassword(url.password());
    }

    public Future<Void> start() {
        return connect();
    }

    private Future<Void> connect() {
        return PgConnection.connect(vertx, options).compose(conn -> {
            conn.notificationHandler(n -> {
                if (RecordQueries.SUBJECTS_CHANNEL.equals(n.getChannel())) {
                    cache.changed(Arrays.asList(n.getPayload().split(",")));
                }
            });
            conn.closeHandler(ignored -> {
                cache.stopListening();
                if (!stopped) {
                    LOG.warn("change listener lost its connection; the cache was dropped and it reconnects");
                    retryLater();
                }
            });
            return conn.query("LISTEN " + RecordQueries.SUBJECTS_CHANNEL).execute().map(ignored -> {
                connection = conn;
                cache.startListening();
                return (Void) null;
            });
        }).onFailure(e -> {
            LOG.warn("change listener cannot connect", kv("error", e.getMessage()));
            cache.stopListening();
            retryLater();
        });
    }

    private void retryLater() {
        if (!stopped) {
            vertx.setTimer(RETRY_MS, ignored -> connect());
        }
    }

    public Future<Void> stop() {
        stopped = true;
        PgConnection current = connection;
        return current == null ? Future.succeededFuture() : current.close();
    }
}
