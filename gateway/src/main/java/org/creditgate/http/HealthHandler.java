package org.creditgate.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/** {@code /health/live} (the process answers) and {@code /health/ready} (the database answers too). */
public final class HealthHandler {

    private static final long READY_TIMEOUT_MS = 2000;

    private final Pool pool;

    public HealthHandler(Pool pool) {
        this.pool = pool;
    }

    public void live(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("status", "UP").toBuffer());
    }

    public void ready(RoutingContext ctx) {
        pool.query("SELECT 1").execute().timeout(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                        .end(new JsonObject().put("status", "UP").toBuffer());
            } else {
                ctx.fail(ApiProblem.unavailable("The database does not answer."));
            }
        });
    }
}
