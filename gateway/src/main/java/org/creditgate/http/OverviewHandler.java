package org.creditgate.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.ops.LookupRates;

/**
 * {@code GET /admin/stats/overview}: this instance's lookups over the last minute and its cache hit ratio, for
 * the operator page. Behind a load balancer each answer describes the instance that gave it ({@code scope}).
 */
public final class OverviewHandler {

    private final LookupRates rates;

    public OverviewHandler(LookupRates rates) {
        this.rates = rates;
    }

    public void show(RoutingContext ctx) {
        LookupRates.Figures figures = rates.current();
        JsonObject body = new JsonObject()
                .put("scope", "instance")
                .put("window_seconds", round(figures.windowSeconds(), 1))
                .put("lookups", figures.lookups())
                .put("lookups_per_second", round(figures.lookupsPerSecond(), 3))
                .put("subjects", figures.subjects())
                .put("subjects_per_second", round(figures.subjectsPerSecond(), 3))
                .put("cache_hits", figures.cacheHits())
                .put("cache_misses", figures.cacheMisses())
                .put("cache_hit_ratio", figures.cacheHitRatio().isPresent()
                        ? round(figures.cacheHitRatio().getAsDouble(), 4) : null);
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(body.toBuffer());
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
