package org.creditgate.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.calendar.PlatformCalendar;
import org.creditgate.ops.ProviderReport;
import org.creditgate.ops.ProviderStatsQueries;

import java.time.OffsetDateTime;

/** {@code GET /admin/stats/providers}: each provider's figures and its reporting light. */
public final class ProviderStatsHandler {

    private final ProviderReport report;

    public ProviderStatsHandler(ProviderReport report) {
        this.report = report;
    }

    public void list(RoutingContext ctx) {
        report.current().onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            JsonArray providers = new JsonArray();
            for (ProviderReport.Line line : done.result()) {
                ProviderStatsQueries.Figures f = line.figures();
                providers.add(new JsonObject()
                        .put("provider", f.provider())
                        .put("name", f.name())
                        .put("accepted_today", f.acceptedToday())
                        .put("rejected_today", f.rejectedToday())
                        .put("accepted_month", f.acceptedMonth())
                        .put("rejected_month", f.rejectedMonth())
                        .put("last_submission_at", f.lastSubmission()
                                .map(t -> t.atZoneSameInstant(PlatformCalendar.ZONE).toOffsetDateTime())
                                .map(OffsetDateTime::toString)
                                .orElse(null))
                        .put("light", line.light().name().toLowerCase()));
            }
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("providers", providers).toBuffer());
        });
    }
}
