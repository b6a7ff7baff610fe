package org.creditgate.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.ops.ProviderLight;
import org.creditgate.ops.ProviderStatsQueries;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** {@code GET /admin/stats/providers}: each provider's figures and its reporting light. */
public final class ProviderStatsHandler {

    private static final ZoneId PLATFORM_ZONE = ZoneId.of("Asia/Shanghai");

    private final ProviderStatsQueries stats;
    private final ProviderLight light;
    private final Clock clock;

    public ProviderStatsHandler(ProviderStatsQueries stats, ProviderLight light, Clock clock) {
        this.stats = stats;
        this.light = light;
        this.clock = clock;
    }

    public void list(RoutingContext ctx) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(PLATFORM_ZONE));
        OffsetDateTime dayStart = now.toLocalDate().atStartOfDay(PLATFORM_ZONE).toOffsetDateTime();
        OffsetDateTime monthStart = now.toLocalDate().withDayOfMonth(1).atStartOfDay(PLATFORM_ZONE).toOffsetDateTime();
        stats.figures(dayStart, monthStart).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            JsonArray providers = new JsonArray();
            for (ProviderStatsQueries.Figures f : done.result()) {
                ProviderLight.Light colour = light.of(now.toInstant(),
                        f.lastSubmission().map(OffsetDateTime::toInstant), f.acceptedMonth(), f.rejectedMonth());
                providers.add(new JsonObject()
                        .put("provider", f.provider())
                        .put("name", f.name())
                        .put("accepted_today", f.acceptedToday())
                        .put("rejected_today", f.rejectedToday())
                        .put("accepted_month", f.acceptedMonth())
                        .put("rejected_month", f.rejectedMonth())
                        .put("last_submission_at", f.lastSubmission()
                                .map(t -> t.atZoneSameInstant(PLATFORM_ZONE).toOffsetDateTime().toString())
                                .orElse(null))
                        .put("light", colour.name().toLowerCase()));
            }
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("providers", providers).toBuffer());
        });
    }
}
