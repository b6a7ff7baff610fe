package org.creditgate.access;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.testing.Records;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role × every endpoint, with other parties' ids in the path, query and body: a role without the right
 * never gets a 2xx, and never a 5xx.
 */
@DisplayName("Access matrix: every role × every endpoint, with other parties' ids")
class AccessMatrixTest {

    private static RunningGateway gateway;
    private static final Map<Role, String> keys = new LinkedHashMap<>();
    private static String foreignAuthorization;
    private static String foreignObjection;
    private static final String OWN_SUBJECT = Records.personCode(42);
    private static final String FOREIGN_SUBJECT = Records.orgCode(4242);

    private record Endpoint(HttpMethod method, String path, JsonObject body, String contentType, Set<Role> allowed) {
    }

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start();
        for (Role role : Role.values()) {
            JsonObject client = new JsonObject().put("id", "bola-" + role.wireName()).put("name", role.wireName())
                    .put("role", role.wireName());
            if (role == Role.PROVIDER) {
                client.put("categories", new JsonArray().add("admin_penalty"));
            }
            keys.put(role, role == Role.ADMIN ? gateway.adminKey() : gateway.createClient(client));
        }
        gateway.createClient(new JsonObject().put("id", "other-provider").put("name", "他人").put("role", "provider")
                .put("categories", new JsonArray().add("court_defaulter")));
        String otherPortal = gateway.createClient(new JsonObject().put("id", "other-portal").put("name", "他人门户")
                .put("role", "portal"));
        HttpResponse<Buffer> submitted = gateway.post("/v1/submissions/admin_penalty", keys.get(Role.PROVIDER),
                "application/x-ndjson", Records.ndjson(Records.penalty("B-1", FOREIGN_SUBJECT, "2026-01-01")));
        assertThat(submitted.statusCode()).isEqualTo(200);
        foreignAuthorization = gateway.post("/v1/authorizations", otherPortal, new JsonObject()
                .put("subject_code", FOREIGN_SUBJECT).put("grantee", "bola-agency")
                .put("expires_at", "2099-01-01T00:00:00+08:00")).bodyAsJsonObject().getString("authorization_id");
        foreignObjection = gateway.post("/v1/objections", otherPortal, new JsonObject().put("subject_code", FOREIGN_SUBJECT)
                .put("category", "admin_penalty").put("record_id", "B-1").put("reason", "不实"))
                .bodyAsJsonObject().getString("objection_id");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static List<Endpoint> endpoints() {
        Set<Role> lookupRoles = EnumSet.of(Role.PUBLIC, Role.GOVERNMENT, Role.AGENCY, Role.JUDICIAL);
        JsonObject lookupOfForeign = new JsonObject().put("reason", "越权测试").put("on_behalf_of", OWN_SUBJECT)
                .put("subjects", new JsonArray().add(OWN_SUBJECT).add(FOREIGN_SUBJECT));
        return List.of(
                new Endpoint(HttpMethod.GET, "/admin/clients", null, null, EnumSet.of(Role.ADMIN)),
                new Endpoint(HttpMethod.POST, "/admin/clients", new JsonObject().put("id", "new-x").put("name", "x")
                        .put("role", "admin"), "application/json", EnumSet.of(Role.ADMIN)),
                new Endpoint(HttpMethod.POST, "/admin/clients/other-provider/keys", new JsonObject(), "application/json",
                        EnumSet.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/admin/stats/providers", null, null, EnumSet.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/admin/stats/overview", null, null, EnumSet.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/v1/audit/collections?provider=other-provider", null, null, EnumSet.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/v1/audit/queries?client=other-portal", null, null, EnumSet.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/v1/audit/verify", null, null, EnumSet.of(Role.ADMIN)),
                new Endpoint(HttpMethod.GET, "/v1/audit/checkpoints", null, null, EnumSet.of(Role.ADMIN)),
                new Endpoint(HttpMethod.POST, "/v1/submissions/court_defaulter", null, "application/x-ndjson", Set.of()),
                new Endpoint(HttpMethod.POST, "/v1/submissions/admin_penalty", null, "application/x-ndjson",
                        EnumSet.of(Role.PROVIDER)),
                // a portal asking for a foreign subject next to its own is refused whole
                new Endpoint(HttpMethod.POST, "/v1/lookups", lookupOfForeign.copy().put("on_behalf_of", OWN_SUBJECT),
                        "application/json", Set.of()),
                new Endpoint(HttpMethod.POST, "/v1/lookups", new JsonObject().put("reason", "x")
                        .put("subjects", new JsonArray().add(FOREIGN_SUBJECT)), "application/json", lookupRoles),
                new Endpoint(HttpMethod.GET, "/v1/subjects/" + FOREIGN_SUBJECT + "?reason=x", null, null, lookupRoles),
                new Endpoint(HttpMethod.GET, "/v1/subjects/" + FOREIGN_SUBJECT + "?reason=x&on_behalf_of=" + OWN_SUBJECT,
                        null, null, Set.of()),
                new Endpoint(HttpMethod.GET, "/v1/subjects/" + FOREIGN_SUBJECT + "/queries?on_behalf_of=" + OWN_SUBJECT,
                        null, null, EnumSet.of(Role.ADMIN)),
                new Endpoint(HttpMethod.POST, "/v1/authorizations", new JsonObject().put("subject_code", FOREIGN_SUBJECT)
                        .put("grantee", "bola-agency").put("expires_at", "2099-01-01T00:00:00+08:00"),
                        "application/json", EnumSet.of(Role.PORTAL, Role.ADMIN)),
                new Endpoint(HttpMethod.DELETE, "/v1/authorizations/" + foreignAuthorization, null, null,
                        EnumSet.of(Role.ADMIN)),
                new Endpoint(HttpMethod.POST, "/v1/objections", new JsonObject().put("subject_code", FOREIGN_SUBJECT)
                        .put("category", "admin_penalty").put("record_id", "B-1").put("reason", "x"),
                        "application/json", EnumSet.of(Role.PORTAL, Role.ADMIN)),
                new Endpoint(HttpMethod.POST, "/v1/objections/" + foreignObjection + "/resolve",
                        new JsonObject().put("outcome", "upheld"), "application/json", EnumSet.of(Role.ADMIN)));
    }

    @TestFactory
    @DisplayName("no 2xx and no 5xx where the role has no right")
    List<DynamicTest> matrix() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Role role : Role.values()) {
                if (endpoint.allowed().contains(role)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(role.wireName() + " " + endpoint.method() + " " + endpoint.path(), () -> {
                    HttpRequest<Buffer> request = gateway.request(endpoint.method(), endpoint.path(), keys.get(role));
                    HttpResponse<Buffer> response;
                    if (endpoint.contentType() != null && endpoint.contentType().contains("ndjson")) {
                        response = request.putHeader("Content-Type", endpoint.contentType())
                                .sendBuffer(Records.ndjson(Records.penalty("BOLA-" + role, FOREIGN_SUBJECT, "2026-01-01")))
                                .await();
                    } else if (endpoint.body() != null) {
                        response = request.sendJsonObject(endpoint.body()).await();
                    } else {
                        response = request.send().await();
                    }
                    assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(400, 499);
                }));
            }
        }
        return tests;
    }
}
