package org.creditgate.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.access.Client;
import org.creditgate.access.Role;
import org.creditgate.catalog.Catalog;
import org.creditgate.disclose.ConsentQueries;
import org.creditgate.disclose.LookupService;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a subject decides, through the portal (or the operator): authorizations of agencies
 * ({@code /v1/authorizations}) and objections to records ({@code /v1/objections}).
 */
public final class ConsentHandler {

    private static final Set<String> AUTHORIZATION_MEMBERS = Set.of("subject_code", "grantee", "categories",
            "expires_at", "evidence");
    private static final Set<String> OBJECTION_MEMBERS = Set.of("subject_code", "category", "record_id", "reason");
    private static final Set<String> OUTCOMES = Set.of("upheld", "corrected", "deleted");

    private final ConsentQueries consents;
    private final Catalog catalog;
    private final Clock clock;

    public ConsentHandler(ConsentQueries consents, Catalog catalog, Clock clock) {
        this.consents = consents;
        this.catalog = catalog;
        this.clock = clock;
    }

    public void grant(RoutingContext ctx) {
        Client client = Authentication.client(ctx);
        JsonObject body = JsonBodies.object(ctx);
        onlyMembers(body, AUTHORIZATION_MEMBERS);
        String subject = subjectCode(body);
        String grantee = JsonBodies.requiredString(body, "grantee", 64);
        List<String> categories = JsonBodies.optionalStrings(body, "categories", 100).orElse(List.of());
        for (String category : categories) {
            if (catalog.category(category).isEmpty()) {
                throw ApiProblem.badRequest("'categories' names a category that is not in the catalog.");
            }
        }
        OffsetDateTime expiresAt;
        try {
            expiresAt = OffsetDateTime.parse(JsonBodies.requiredString(body, "expires_at", 40));
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("'expires_at' must be an RFC 3339 time with offset, e.g. "
                    + "2027-01-01T00:00:00+08:00.");
        }
        if (!expiresAt.isAfter(OffsetDateTime.now(clock))) {
            throw ApiProblem.badRequest("'expires_at' must be in the future.");
        }
        String evidence = JsonBodies.optionalString(body, "evidence", 500).orElse(null);
        consents.isAgency(grantee).compose(isAgency -> {
            if (!isAgency) {
                throw ApiProblem.badRequest("'grantee' must be the id of an agency client.");
            }
            return consents.grant(subject, grantee, categories, expiresAt, evidence, client.id());
        }).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("authorization_id", done.result().toString()).toBuffer());
        });
    }

    public void revoke(RoutingContext ctx) {
        Client client = Authentication.client(ctx);
        UUID id = uuid(ctx.pathParam("id"), "authorization");
        // a portal may withdraw what it granted for its subjects; the operator any authorization
        String onlyGrantedBy = client.role() == Role.ADMIN ? null : client.id();
        consents.revoke(id, client.id(), onlyGrantedBy).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
            } else if (done.result().isEmpty()) {
                ctx.fail(ApiProblem.notFound("There is no authorization in force with this id."));
            } else {
                ctx.response().setStatusCode(204).end();
            }
        });
    }

    public void object(RoutingContext ctx) {
        Client client = Authentication.client(ctx);
        JsonObject body = JsonBodies.object(ctx);
        onlyMembers(body, OBJECTION_MEMBERS);
        String subject = subjectCode(body);
        String category = JsonBodies.requiredString(body, "category", 64);
        if (catalog.category(category).isEmpty()) {
            throw ApiProblem.badRequest("'category' is not in the catalog.");
        }
        String recordId = JsonBodies.requiredString(body, "record_id", 128);
        String reason = JsonBodies.requiredString(body, "reason", 2000);
        consents.recordExists(subject, category, recordId).compose(exists -> {
            if (!exists) {
                throw ApiProblem.notFound("This subject has no record with this category and record_id.");
            }
            return consents.object(subject, category, recordId, reason, client.id());
        }).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("objection_id", done.result().toString()).toBuffer());
        });
    }

    public void resolve(RoutingContext ctx) {
        Client client = Authentication.client(ctx);
        UUID id = uuid(ctx.pathParam("id"), "objection");
        JsonObject body = JsonBodies.object(ctx);
        onlyMembers(body, Set.of("outcome"));
        String outcome = JsonBodies.requiredString(body, "outcome", 20);
        if (!OUTCOMES.contains(outcome)) {
            throw ApiProblem.badRequest("'outcome' must be upheld, corrected or deleted.");
        }
        consents.resolve(id, outcome, client.id()).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            switch (done.result()) {
                case UNKNOWN -> ctx.fail(ApiProblem.notFound("There is no objection with this id."));
                case ALREADY_RESOLVED -> ctx.fail(ApiProblem.conflict("This objection is already resolved."));
                case RESOLVED -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("objection_id", id.toString()).put("outcome", outcome).toBuffer());
            }
        });
    }

    private static String subjectCode(JsonObject body) {
        String subject = JsonBodies.requiredString(body, "subject_code", 64);
        if (LookupService.subjectType(subject).isEmpty()) {
            throw ApiProblem.badRequest("INVALID_SUBJECT_CODE", "'subject_code' must be a valid unified social credit "
                    + "code or resident ID number.");
        }
        return subject;
    }

    private static void onlyMembers(JsonObject body, Set<String> members) {
        for (String member : body.fieldNames()) {
            if (!members.contains(member)) {
                throw ApiProblem.badRequest("'" + member + "' is not expected here; expected "
                        + String.join(", ", members.stream().sorted().toList()) + ".");
            }
        }
    }

    static UUID uuid(String text, String what) {
        try {
            return UUID.fromString(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("There is no " + what + " with this id.");
        }
    }
}
