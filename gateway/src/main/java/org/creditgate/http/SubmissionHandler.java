package org.creditgate.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.access.Client;
import org.creditgate.catalog.Catalog;
import org.creditgate.catalog.Category;
import org.creditgate.collect.CollectionMetrics;
import org.creditgate.collect.RecordError;
import org.creditgate.collect.RecordStore;
import org.creditgate.collect.RecordValidator;
import org.creditgate.collect.SubmissionInterruptedException;
import org.creditgate.collect.SubmissionLimits;
import org.creditgate.collect.SubmissionResult;
import org.creditgate.collect.SubmissionSession;

import java.util.Map;

/**
 * {@code POST /v1/submissions/{category}}: checks the whole request (category, the provider's right to it,
 * media type), then hands the streaming body to a {@link SubmissionSession}.
 */
public final class SubmissionHandler {

    private static final String NDJSON = "application/x-ndjson";

    private final Catalog catalog;
    private final Map<String, RecordValidator> validators;
    private final RecordStore store;
    private final CollectionMetrics metrics;
    private final SubmissionLimits limits;
    private final SubmissionSlots slots;

    public SubmissionHandler(Catalog catalog, Map<String, RecordValidator> validators, RecordStore store,
                             CollectionMetrics metrics, SubmissionLimits limits, SubmissionSlots slots) {
        this.catalog = catalog;
        this.validators = validators;
        this.store = store;
        this.metrics = metrics;
        this.limits = limits;
        this.slots = slots;
    }

    public void submit(RoutingContext ctx) {
        Client provider = Authentication.client(ctx);
        String categoryId = ctx.pathParam("category");
        Category category = catalog.category(categoryId == null ? "" : categoryId).orElseThrow(() ->
                new ApiProblem(404, "UNKNOWN_CATEGORY", "Unknown category",
                        "There is no category with this id in the catalog (see GET /v1/catalog)."));
        if (!provider.mayCollect(category.id())) {
            throw new ApiProblem(403, "CATEGORY_NOT_ALLOWED", "Category not allowed",
                    "This provider may not submit records of this category.");
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith(NDJSON)) {
            throw ApiProblem.unsupportedMediaType("Send the records as " + NDJSON + ", one JSON object per line.");
        }
        if (!slots.tryTake(provider.id())) {
            throw new ApiProblem(429, "QUOTA_EXCEEDED", "Too many submissions at once",
                    "This provider is already streaming " + slots.maxPerClient() + " submissions; send this one "
                            + "when one of them has been answered.", Map.of("Retry-After", "1"));
        }
        new SubmissionSession(ctx.request(), validators.get(category.id()), store, metrics, provider.id(), limits)
                .run()
                .onComplete(done -> {
                    slots.giveBack(provider.id());
                    if (done.failed()) {
                        if (!(done.cause() instanceof SubmissionInterruptedException)) {
                            ctx.fail(done.cause());
                        }
                        return;
                    }
                    ctx.response().putHeader("Content-Type", "application/json")
                            .end(render(done.result()).toBuffer());
                });
    }

    private static JsonObject render(SubmissionResult result) {
        JsonArray errors = new JsonArray();
        for (RecordError error : result.errors()) {
            errors.add(new JsonObject()
                    .put("line", error.line())
                    .put("record_id", error.recordId())
                    .put("code", error.code().name())
                    .put("field", error.field())
                    .put("message", error.message()));
        }
        return new JsonObject()
                .put("submission_id", result.submissionId().toString())
                .put("category", result.category())
                .put("received", result.received())
                .put("accepted", result.accepted())
                .put("rejected", result.rejected())
                .put("errors", errors)
                .put("errors_truncated", result.errorsTruncated());
    }
}
