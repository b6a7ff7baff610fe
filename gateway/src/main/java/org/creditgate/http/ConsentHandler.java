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

    /** What an authorization body asks for. */
    record Grant(String subject, String grantee, List<String> categories, OffsetDateTime expiresAt, String evidence) {
    }

    /** What an objection body asks for. */
    record Objection(String subject, String category, String recordId, String reason) {
    }

    public void grant(RoutingContext ctx) {
        Client client = Authentication.client(ctx);
        Grant grant = parseGrant(JsonBodies.object(ctx));
        consents.isAgency(grant.grantee()).compose(isAgency -> {
            if (!isAgency) {
                throw ApiProblem.badRequest("'grantee' must be the id of an agency client.");
            }
            return consents.grant(grant.subject(), grant.grantee(), grant.categories(), grant.expiresAt(),
                    grant.evidence(), client.id());
        }).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("authorization_id", done.result().toString()).toBuffer());
        });
    }

    /** The authorization a body grants, or an {@link ApiProblem} (400) naming what is wrong with it. */
    Grant parseGrant(JsonObject body) {
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
        return new Grant(subject, grantee, categories, expiresAt, evidence);
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
        Objection objection = parseObjection(JsonBodies.object(ctx));
        consents.recordExists(objection.subject(), objection.category(), objection.recordId()).compose(exists -> {
            if (!exists) {
                throw ApiProblem.notFound("This subject has no record with this category and record_id.");
            }
            return consents.object(objection.subject(), objection.category(), objection.recordId(),
                    objection.reason(), client.id());
        }).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("objection_id", done.result().toString()).toBuffer());
        });
    }

    /** The objection a body raises, or an {@link ApiProblem} (400) naming what is wrong with it. */
    Objection parseObjection(JsonObject body) {
        onlyMembers(body, OBJECTION_MEMBERS);
        String subject = subjectCode(body);
        String category = JsonBodies.requiredString(body, "category", 64);
        if (catalog.category(category).isEmpty()) {
            throw ApiProblem.badRequest("'category' is not in the catalog.");
        }
        String recordId = JsonBodies.requiredString(body, "record_id", 128);
        String reason = JsonBodies.requiredString(body, "reason", 2000);
        return new Objection(subject, category, recordId, reason);
    }

    public void resolve(RoutingContext ctx) {
        Client client = Authentication.client(ctx);
        UUID id = uuid(ctx.pathParam("id"), "objection");
        String outcome = parseOutcome(JsonBodies.object(ctx));
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

    /** The outcome a resolution body names, or an {@link ApiProblem} (400). */
    static String parseOutcome(JsonObject body) {
        onlyMembers(body, Set.of("outcome"));
        String outcome = JsonBodies.requiredString(body, "outcome", 20);
        if (!OUTCOMES.contains(outcome)) {
            throw ApiProblem.badRequest("'outcome' must be upheld, corrected or deleted.");
        }
        return outcome;
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
