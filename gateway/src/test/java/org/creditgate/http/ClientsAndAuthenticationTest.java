package org.creditgate.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;

@DisplayName("Clients, keys and authentication over HTTP")
class ClientsAndAuthenticationTest {

    private static RunningGateway gateway;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static JsonObject provider(String id) {
        return new JsonObject().put("id", id).put("name", "深圳市市场监督管理局").put("role", "provider")
                .put("categories", new JsonArray().add("admin_penalty").add("admin_license"))
                .put("quota", new JsonObject().put("requests_per_second", 200).put("subjects_per_day", 100000));
    }

    @Test
    @DisplayName("an admin registers a provider; the key is shown once and works; the list never shows keys")
    void registerAndList() {
        HttpResponse<Buffer> created = gateway.post("/admin/clients", gateway.adminKey(), provider("sz-amr"));
        assertThat(created.statusCode()).isEqualTo(201);
        String key = created.bodyAsJsonObject().getString("api_key");
        assertThat(created.bodyAsJsonObject().getString("id")).isEqualTo("sz-amr");
        assertThat(key).startsWith("cg_").hasSizeGreaterThanOrEqualTo(3 + 22);

        HttpResponse<Buffer> list = gateway.get("/admin/clients", gateway.adminKey());
        assertThat(list.statusCode()).isEqualTo(200);
        JsonObject listed = list.bodyAsJsonObject().getJsonArray("clients").stream()
                .map(JsonObject.class::cast).filter(c -> c.getString("id").equals("sz-amr")).findFirst().orElseThrow();
        assertThat(listed.getString("role")).isEqualTo("provider");
        assertThat(listed.getString("name")).isEqualTo("深圳市市场监督管理局");
        assertThat(listed.getJsonArray("categories").getList()).containsExactly("admin_penalty", "admin_license");
        assertThat(listed.getJsonObject("quota").getInteger("requests_per_second")).isEqualTo(200);
        assertThat(list.bodyAsString()).doesNotContain(key).doesNotContain("api_key").doesNotContain("hash");

        // the provider's key authenticates it, but it is no admin
        assertProblem(gateway.get("/admin/clients", key), 403, "FORBIDDEN");
    }

    @Test
    @DisplayName("quota defaults come from the configuration when a client has none")
    void defaultQuota() {
        gateway.createClient(new JsonObject().put("id", "site").put("name", "信用网站").put("role", "public"));
        JsonObject listed = gateway.get("/admin/clients", gateway.adminKey()).bodyAsJsonObject()
                .getJsonArray("clients").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("id").equals("site")).findFirst().orElseThrow();
        assertThat(listed.getJsonObject("quota").getInteger("requests_per_second"))
                .isEqualTo(RunningGateway.TEST_DEFAULT_QUOTA.requestsPerSecond());
        assertThat(listed.getJsonObject("quota").getInteger("subjects_per_day"))
                .isEqualTo(RunningGateway.TEST_DEFAULT_QUOTA.subjectsPerDay());
    }

    @Test
    @DisplayName("a duplicate client id is 409 CONFLICT and the first client keeps its key")
    void duplicate() {
        String key = gateway.createClient(provider("dup-provider"));
        assertProblem(gateway.post("/admin/clients", gateway.adminKey(), provider("dup-provider")), 409, "CONFLICT");
        assertThat(gateway.get("/admin/clients", key).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("a rotated key replaces the old one: the old key is refused, the new one accepted")
    void rotation() {
        String oldKey = gateway.createClient(new JsonObject().put("id", "ops2").put("name", "备用运维").put("role", "admin"));
        assertThat(gateway.get("/admin/clients", oldKey).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> rotated = gateway.post("/admin/clients/ops2/keys", gateway.adminKey(), new JsonObject());
        assertThat(rotated.statusCode()).isEqualTo(201);
        String newKey = rotated.bodyAsJsonObject().getString("api_key");
        assertThat(newKey).isNotEqualTo(oldKey);

        assertProblem(gateway.get("/admin/clients", oldKey), 401, "UNAUTHENTICATED");
        assertThat(gateway.get("/admin/clients", newKey).statusCode()).isEqualTo(200);
        assertProblem(gateway.post("/admin/clients/nobody-here/keys", gateway.adminKey(), new JsonObject()),
                404, "NOT_FOUND");
    }

    @Test
    @DisplayName("no key, a malformed header or an unknown key is 401 with WWW-Authenticate: Bearer")
    void unauthenticated() {
        for (HttpResponse<Buffer> response : List.of(
                gateway.get("/admin/clients", null),
                gateway.get("/admin/clients", "cg_not-a-real-key-at-all-000000000"),
                gateway.request(HttpMethod.GET, "/admin/clients", null).putHeader("Authorization", "Basic Zm9vOmJhcg==").send().await(),
                gateway.get("/v1/no-such-endpoint", null),
                gateway.request(HttpMethod.POST, "/v1/lookups", null).send().await())) {
            assertProblem(response, 401, "UNAUTHENTICATED");
            assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    @DisplayName("every role other than admin is refused the admin routes with 403")
    void forbiddenRoles() {
        for (String role : List.of("public", "government", "agency", "judicial", "portal")) {
            String key = gateway.createClient(new JsonObject().put("id", "role-" + role).put("name", role).put("role", role));
            assertProblem(gateway.get("/admin/clients", key), 403, "FORBIDDEN");
            assertProblem(gateway.post("/admin/clients", key, provider("sneaky-" + role)), 403, "FORBIDDEN");
            assertProblem(gateway.post("/admin/clients/admin/keys", key, new JsonObject()), 403, "FORBIDDEN");
        }
    }

    @Test
    @DisplayName("bad client bodies are 400 problems that name the member")
    void badBodies() {
        String admin = gateway.adminKey();
        assertProblem(gateway.post("/admin/clients", admin, "application/json", Buffer.buffer("{not json")), 400, "BAD_REQUEST");
        assertProblem(gateway.post("/admin/clients", admin, "application/json", Buffer.buffer("[1,2]")), 400, "BAD_REQUEST");
        assertProblem(gateway.post("/admin/clients", admin, "text/plain", Buffer.buffer("{}")), 415, "UNSUPPORTED_MEDIA_TYPE");
        HttpResponse<Buffer> badRole = gateway.post("/admin/clients", admin,
                new JsonObject().put("id", "x1").put("name", "n").put("role", "emperor"));
        assertProblem(badRole, 400, "BAD_REQUEST");
        assertThat(badRole.bodyAsJsonObject().getString("detail")).contains("'role'");
        HttpResponse<Buffer> badCategory = gateway.post("/admin/clients", admin, provider("x2")
                .put("categories", new JsonArray().add("gossip")));
        assertProblem(badCategory, 400, "BAD_REQUEST");
        assertThat(badCategory.bodyAsJsonObject().getString("detail")).contains("gossip");
        assertProblem(gateway.post("/admin/clients", admin, provider("bad id with spaces")), 400, "BAD_REQUEST");
        assertProblem(gateway.post("/admin/clients", admin, provider("x3").put("quota",
                new JsonObject().put("requests_per_second", -5))), 400, "BAD_REQUEST");
        assertProblem(gateway.post("/admin/clients", admin, provider("x4").put("colour", "blue")), 400, "BAD_REQUEST");
        assertProblem(gateway.post("/admin/clients", admin,
                new JsonObject().put("id", "x5").put("name", "n").put("role", "provider")), 400, "BAD_REQUEST");
    }
}
