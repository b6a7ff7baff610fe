package org.creditgate.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.access.Client;
import org.creditgate.access.Role;
import org.creditgate.audit.QueryHistoryQueries;
import org.creditgate.disclose.LookupService;

/**
 * {@code GET /v1/subjects/{code}/queries}: who queried the subject (its right to know, 003 art.39). A portal sees
 * only the subject it acts for ({@code on_behalf_of}); the operator any subject.
 */
public final class QueryHistoryHandler {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final QueryHistoryQueries history;

    public QueryHistoryHandler(QueryHistoryQueries history) {
        this.history = history;
    }

    public void list(RoutingContext ctx) {
        Client client = Authentication.client(ctx);
        String code = ctx.pathParam("code");
        if (code == null || code.length() > 64 || LookupService.subjectType(code).isEmpty()) {
            throw ApiProblem.badRequest("INVALID_SUBJECT_CODE",
                    "The path must name a subject by its unified social credit code or resident ID number.");
        }
        if (client.role() == Role.PORTAL && !code.equals(ctx.queryParams().get("on_behalf_of"))) {
            throw ApiProblem.forbidden("A portal may read the query history only of the subject it acts for.");
        }
        int limit = QueryParams.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Long before = QueryParams.cursor(ctx);
        history.history(code, before, limit).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            JsonArray queries = new JsonArray();
            for (QueryHistoryQueries.Entry entry : done.result().entries()) {
                queries.add(new JsonObject()
                        .put("query_id", entry.queryId())
                        .put("time", entry.time().toString())
                        .put("client_id", entry.clientId())
                        .put("client_name", entry.clientName())
                        .put("role", entry.role())
                        .put("channel", entry.channel())
                        .put("reason", entry.reason())
                        .put("count", entry.count()));
            }
            JsonObject body = new JsonObject().put("subject_code", code).put("total", done.result().total())
                    .put("queries", queries);
            if (done.result().nextBefore() != null) {
                body.put("next_cursor", done.result().nextBefore().toString());
            }
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(body.toBuffer());
        });
    }
}
