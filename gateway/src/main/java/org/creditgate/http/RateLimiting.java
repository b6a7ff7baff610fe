package org.creditgate.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.access.Client;
import org.creditgate.access.RateLimits;
import org.creditgate.access.TokenBucket;
import org.creditgate.ops.QuotaRejections;

import java.util.Map;

/**
 * Holds each client to its requests per second, right after authentication and before any other work. Every
 * answer carries the client's RateLimit-* headers; a refusal is 429 QUOTA_EXCEEDED with Retry-After.
 */
public final class RateLimiting implements Handler<RoutingContext> {

    private final RateLimits limits;
    private final QuotaRejections rejections;

    public RateLimiting(RateLimits limits, QuotaRejections rejections) {
        this.limits = limits;
        this.rejections = rejections;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Client client = Authentication.client(ctx);
        TokenBucket.Decision decision = limits.take(client);
        HttpServerResponse response = ctx.response();
        response.putHeader("RateLimit-Limit", Integer.toString(decision.limit()))
                .putHeader("RateLimit-Remaining", Integer.toString(decision.remaining()))
                .putHeader("RateLimit-Reset", Long.toString(decision.resetAfter()));
        if (decision.allowed()) {
            ctx.next();
            return;
        }
        rejections.refused(QuotaRejections.REQUESTS_PER_SECOND, client.role());
        ctx.request().resume();
        ctx.fail(new ApiProblem(429, "QUOTA_EXCEEDED", "Too many requests",
                "This client sends more requests per second than its quota allows.",
                Map.of("Retry-After", Long.toString(decision.retryAfter()))));
    }
}
