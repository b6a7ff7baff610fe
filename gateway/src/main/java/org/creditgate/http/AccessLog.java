package org.creditgate.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.access.Client;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * One log line per request. It names the route template ({@code /v1/subjects/:code}), never the actual path or
 * query, which may hold a subject's ID number, and never a header, which may hold a key.
 */
public final class AccessLog implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger("creditgate.access");
    private static final String MATCHED_ROUTE = "creditgate.matchedRoute";

    /**
     * Names the current route in the request's log line even if the request then fails: by the end, the current
     * route is the failure handler's, which has no path, and a refused lookup would be logged as unmatched.
     */
    static void routeMatched(RoutingContext ctx) {
        Route route = ctx.currentRoute();
        if (route != null && route.getPath() != null) {
            ctx.put(MATCHED_ROUTE, route.getPath());
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(ignored -> {
            if (!LOG.isInfoEnabled()) {
                return;
            }
            Route route = ctx.currentRoute();
            String matched = ctx.get(MATCHED_ROUTE);
            String template = route != null && route.getPath() != null ? route.getPath()
                    : matched != null ? matched : "unmatched";
            Client client = ctx.get(Authentication.CLIENT_KEY);
            LOG.info("request",
                    kv("request_id", RequestIds.of(ctx)),
                    kv("method", ctx.request().method().name()),
                    kv("route", template),
                    kv("status", ctx.response().getStatusCode()),
                    kv("duration_ms", (System.nanoTime() - start) / 1_000_000.0),
                    kv("client_id", client == null ? null : client.id()));
        });
        ctx.next();
    }
}
