package org.creditgate.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.audit.AuditLogQueries;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** {@code GET /v1/audit/collections} and {@code GET /v1/audit/queries}: the logs, filtered and paged, for the operator. */
public final class AuditLogsHandler {

    private final AuditLogQueries logs;

    public AuditLogsHandler(AuditLogQueries logs) {
        this.logs = logs;
    }

    public void collections(RoutingContext ctx) {
        respond(ctx, logs.collections(text(ctx, "provider"), text(ctx, "category"), time(ctx, "from"), time(ctx, "to"),
                QueryParams.cursor(ctx), QueryParams.intParam(ctx, "limit", 100, 1, 1000)));
    }

    public void queries(RoutingContext ctx) {
        respond(ctx, logs.queries(text(ctx, "client"), text(ctx, "subject"), time(ctx, "from"), time(ctx, "to"),
                QueryParams.cursor(ctx), QueryParams.intParam(ctx, "limit", 100, 1, 1000)));
    }

    private static void respond(RoutingContext ctx, Future<AuditLogQueries.Page> page) {
        page.onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            JsonObject body = new JsonObject().put("entries", done.result().entries());
            if (done.result().nextCursor() != null) {
                body.put("next_cursor", done.result().nextCursor());
            }
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(body.toBuffer());
        });
    }

    private static String text(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > 128) {
            throw ApiProblem.badRequest("'" + name + "' is too long.");
        }
        return value;
    }

    private static OffsetDateTime time(RoutingContext ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            // an unencoded '+' of the offset arrives as a space
            return OffsetDateTime.parse(value.replace(' ', '+'));
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("'" + name + "' must be an RFC 3339 time with offset, e.g. "
                    + "2026-11-01T00:00:00+08:00.");
        }
    }
}
