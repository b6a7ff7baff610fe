package org.creditgate.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Future;
import org.creditgate.access.Client;
import org.creditgate.access.DailyQuotas;
import org.creditgate.access.Role;
import org.creditgate.catalog.Catalog;
import org.creditgate.disclose.LookupRequest;
import org.creditgate.disclose.LookupResult;
import org.creditgate.disclose.LookupService;
import org.creditgate.disclose.Viewer;
import org.creditgate.ops.QuotaRejections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static net.logstash.logback.argument.StructuredArguments.kv;

/** {@code POST /v1/lookups} and {@code GET /v1/subjects/{code}}: request checks, then the lookup, then JSON. */
public final class LookupHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LookupHandler.class);
    private static final Set<String> MEMBERS = Set.of("subjects", "categories", "reason", "on_behalf_of");
    private static final int MAX_REASON = 500;
    private static final int MAX_CODE_LENGTH = 64;

    private final LookupService lookups;
    private final DailyQuotas quotas;
    private final Catalog catalog;
    private final int maxSubjects;
    private final long defaultSubjectsPerDay;
    private final QuotaRejections rejections;
    private final LookupAdmission admission;

    public LookupHandler(LookupService lookups, DailyQuotas quotas, Catalog catalog, int maxSubjects,
                         long defaultSubjectsPerDay, QuotaRejections rejections, LookupAdmission admission) {
        this.rejections = rejections;
        this.admission = admission;
        this.lookups = lookups;
        this.quotas = quotas;
        this.catalog = catalog;
        this.maxSubjects = maxSubjects;
        this.defaultSubjectsPerDay = defaultSubjectsPerDay;
    }

    public void lookup(RoutingContext ctx) {
        run(ctx, parse(JsonBodies.object(ctx)), false);
    }

    /** The lookup a body asks for, or an {@link ApiProblem} (400) naming what is wrong with it. */
    LookupRequest parse(JsonObject body) {
        for (String member : body.fieldNames()) {
            if (!MEMBERS.contains(member)) {
                throw ApiProblem.badRequest("'" + member + "' is not a member of a lookup; expected subjects, "
                        + "categories, reason, on_behalf_of.");
            }
        }
        Object subjectsValue = body.getValue("subjects");
        if (!(subjectsValue instanceof JsonArray array) || array.isEmpty()) {
            throw ApiProblem.badRequest("'subjects' must be a non-empty array of subject codes.");
        }
        if (array.size() > maxSubjects) {
            throw ApiProblem.badRequest("TOO_MANY_SUBJECTS", "A lookup may name at most " + maxSubjects + " subjects.");
        }
        List<String> subjects = new java.util.ArrayList<>(array.size());
        for (Object item : array) {
            if (!(item instanceof String code) || code.length() > MAX_CODE_LENGTH) {
                throw ApiProblem.badRequest("'subjects' must hold subject codes as strings.");
            }
            subjects.add(code);
        }
        Optional<Set<String>> categories = JsonBodies.optionalStrings(body, "categories", 100).map(this::knownCategories);
        String reason = JsonBodies.optionalString(body, "reason", MAX_REASON).orElse(null);
        String onBehalfOf = JsonBodies.optionalString(body, "on_behalf_of", MAX_CODE_LENGTH).orElse(null);
        return new LookupRequest(subjects, categories, reason, onBehalfOf, "batch");
    }

    public void subject(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        if (code == null || code.isEmpty() || code.length() > MAX_CODE_LENGTH
                || LookupService.subjectType(code).isEmpty()) {
            throw ApiProblem.badRequest("INVALID_SUBJECT_CODE",
                    "The path must name a subject by its unified social credit code or resident ID number.");
        }
        Optional<Set<String>> categories = Optional.ofNullable(ctx.queryParams().get("categories"))
                .filter(text -> !text.isBlank())
                .map(text -> knownCategories(List.of(text.split(","))));
        String reason = Optional.ofNullable(ctx.queryParams().get("reason")).filter(r -> !r.isBlank()).orElse(null);
        if (reason != null && reason.length() > MAX_REASON) {
            throw ApiProblem.badRequest("'reason' must hold at most " + MAX_REASON + " characters.");
        }
        String onBehalfOf = ctx.queryParams().get("on_behalf_of");
        run(ctx, new LookupRequest(List.of(code), categories, reason, onBehalfOf, "single"), true);
    }

    private void run(RoutingContext ctx, LookupRequest request, boolean single) {
        Client client = Authentication.client(ctx);
        Viewer viewer = viewerOf(client.role());
        if (viewer != Viewer.PUBLIC && viewer != Viewer.PORTAL && request.reason() == null) {
            throw ApiProblem.badRequest("REASON_REQUIRED", "A " + client.role().wireName()
                    + " lookup must state its reason.");
        }
        if (viewer == Viewer.PORTAL) {
            if (request.onBehalfOf() == null) {
                throw ApiProblem.forbidden("A portal must name the subject it acts for in 'on_behalf_of'.");
            }
            for (String subject : request.subjects()) {
                if (!subject.equals(request.onBehalfOf())) {
                    throw ApiProblem.forbidden("A portal may look up only the subject it acts for.");
                }
            }
        } else if (request.onBehalfOf() != null) {
            throw ApiProblem.badRequest("'on_behalf_of' is for portal clients only.");
        }
        long dailyLimit = client.subjectsPerDay().isPresent() ? client.subjectsPerDay().getAsInt() : defaultSubjectsPerDay;
        if (!admission.tryEnter()) {
            throw new ApiProblem(503, "UNAVAILABLE", "Service unavailable", "This instance is answering as many "
                    + "lookups as it may (" + admission.maxInFlight() + "); try again shortly.",
                    Map.of("Retry-After", "1"));
        }
        Future<LookupResult> answered;
        try {
            answered = answer(client, viewer, request, dailyLimit);
        } catch (RuntimeException e) {
            admission.leave();
            throw e;
        }
        answered.onComplete(done -> {
            admission.leave();
            if (done.failed() && done.cause() instanceof ApiProblem problem) {
                ctx.fail(problem);
                return;
            }
            if (done.failed()) {
                if (admission.refusedBehind(done.cause())) {
                    ctx.fail(ApiProblem.unavailable("This instance is behind with lookups; try again shortly."));
                    return;
                }
                LOG.warn("lookup refused: it could not be completed and logged", kv("request_id", RequestIds.of(ctx)),
                        done.cause());
                ctx.fail(ApiProblem.unavailable("The lookup could not be logged; no data is released without "
                        + "its log entry. Try again shortly."));
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(render(done.result()));
        });
    }

    /** The daily quota, then the lookup itself. */
    private Future<LookupResult> answer(Client client, Viewer viewer, LookupRequest request, long dailyLimit) {
        return quotas.take(client.id(), dailyLimit, request.subjects().size()).compose(quota -> {
            if (!quota.allowed()) {
                rejections.refused(QuotaRejections.SUBJECTS_PER_DAY, client.role());
                return Future.failedFuture(new ApiProblem(429, "QUOTA_EXCEEDED", "Daily quota exceeded",
                        "This lookup would take the client past its subjects per day.", Map.of(
                        "Retry-After", Long.toString(quota.resetAfter()),
                        "RateLimit-Limit", Long.toString(quota.limit()),
                        "RateLimit-Remaining", Long.toString(quota.remaining()),
                        "RateLimit-Reset", Long.toString(quota.resetAfter()))));
            }
            return lookups.lookup(client.id(), viewer, request);
        });
    }

    static Viewer viewerOf(Role role) {
        return switch (role) {
            case PUBLIC -> Viewer.PUBLIC;
            case GOVERNMENT -> Viewer.GOVERNMENT;
            case AGENCY -> Viewer.AGENCY;
            case JUDICIAL -> Viewer.JUDICIAL;
            case PORTAL -> Viewer.PORTAL;
            case PROVIDER, ADMIN -> throw ApiProblem.forbidden("This client may not look subjects up.");
        };
    }

    private Set<String> knownCategories(List<String> ids) {
        Set<String> known = new HashSet<>();
        for (String id : ids) {
            if (catalog.category(id).isEmpty()) {
                throw ApiProblem.badRequest("'categories' names a category that is not in the catalog.");
            }
            known.add(id);
        }
        return known;
    }

    /**
     * Writes the answer around the subjects' pre-rendered result objects, without building a JSON tree: on the
     * cached path this is most of the work a lookup does. The answer's size is known before it is written, so it is
     * one buffer of exactly that size, filled once (a composite of the views' arrays cost more: the network layer
     * wraps every part on its way to the socket).
     */
    static Buffer render(LookupResult result) {
        List<LookupResult.SubjectResult> subjects = result.results();
        byte[][] parts = new byte[subjects.size()][];
        byte[] head = ("{\"query_id\":\"" + result.queryId() + "\",\"results\":[").getBytes(StandardCharsets.US_ASCII);
        int size = head.length + RESULTS_END.length - 1;
        for (int i = 0; i < parts.length; i++) {
            LookupResult.SubjectResult subject = subjects.get(i);
            // a malformed code is echoed as sent, so it is escaped
            parts[i] = subject.error() != null
                    ? (",{\"subject_code\":" + Json.encode(subject.subjectCode()) + ",\"error\":\"" + subject.error()
                    + "\"}").getBytes(StandardCharsets.UTF_8)
                    : subject.view().separatedJson();
            size += parts[i].length;
        }
        Buffer out = Buffer.buffer(size).appendBytes(head);
        for (int i = 0; i < parts.length; i++) {
            // every part starts with the comma that separates it from the one before; the first has none before it
            int skip = i == 0 ? 1 : 0;
            out.appendBytes(parts[i], skip, parts[i].length - skip);
        }
        return out.appendBytes(RESULTS_END);
    }

    private static final byte[] RESULTS_END = "]}".getBytes(StandardCharsets.US_ASCII);
}
