package org.creditgate.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Closes connections that do not deliver a request's headers in time. The idle timeout alone does not stop a
 * client that dribbles a byte every few seconds: each byte resets it, and a few thousand such connections would
 * hold sockets and memory for ever. Here, a new connection must complete its first request's headers within the
 * header deadline; after an answer, a kept-alive connection has the (longer) idle timeout to complete the next
 * request's headers, however many bytes it dribbles meanwhile. While a request is being served (a long submission
 * streaming its body, say) no deadline runs; the idle timeout does.
 *
 * <p>One guard per event loop: every method runs on that loop's thread. Each connection is checked by a periodic
 * timer at a quarter of the header deadline, so a connection is closed at most a quarter of it late.
 */
final class SlowClientGuard {

    private final Vertx vertx;
    private final long firstDeadlineMs;
    private final long nextDeadlineMs;
    private final long checkEveryMs;
    private final Map<HttpConnection, Watch> watched = new IdentityHashMap<>();

    /**
     * @param headerDeadlineSeconds a new connection's first request headers must arrive within this
     * @param keepAliveSeconds      after an answer, the next request's headers must arrive within this
     */
    SlowClientGuard(Vertx vertx, int headerDeadlineSeconds, int keepAliveSeconds) {
        this.vertx = vertx;
        this.firstDeadlineMs = headerDeadlineSeconds * 1000L;
        this.nextDeadlineMs = Math.max(firstDeadlineMs, keepAliveSeconds * 1000L);
        this.checkEveryMs = Math.max(100, firstDeadlineMs / 4);
    }

    /** A new connection: its first request's headers must arrive within the deadline. */
    void opened(HttpConnection connection) {
        Watch watch = new Watch(connection);
        watched.put(connection, watch);
        watch.timer = vertx.setPeriodic(checkEveryMs, id -> watch.check());
        if (connection instanceof ConnectionBase base) {
            // a close handler set here would be replaced by request handlers that need one; the close future is not
            base.closeFuture().onComplete(closed -> forget(connection));
        }
    }

    /** A request's headers arrived on this connection. */
    void requestArrived(HttpServerRequest request) {
        Watch watch = watched.get(request.connection());
        if (watch != null) {
            watch.current = request;
            watch.waitingSinceMs = -1;
        }
    }

    int watchedConnections() {
        return watched.size();
    }

    private void forget(HttpConnection connection) {
        Watch watch = watched.remove(connection);
        if (watch != null) {
            vertx.cancelTimer(watch.timer);
        }
    }

    private final class Watch {
        private final HttpConnection connection;
        private long timer;
        private HttpServerRequest current;
        private long waitingSinceMs = System.currentTimeMillis();

        private Watch(HttpConnection connection) {
            this.connection = connection;
        }

        private void check() {
            long now = System.currentTimeMillis();
            if (current != null && !current.response().ended()) {
                waitingSinceMs = -1;
                return;
            }
            if (waitingSinceMs < 0) {
                // the last answer ended since the previous check: the next request's deadline starts now
                waitingSinceMs = now;
                return;
            }
            if (now - waitingSinceMs >= (current == null ? firstDeadlineMs : nextDeadlineMs)) {
                forget(connection);
                connection.close();
            }
        }
    }
}
