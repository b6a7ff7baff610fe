package org.creditgate.ops;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

@DisplayName("Audit logs and provider statistics over HTTP")
class AuditAndStatsHttpTest {

    private static RunningGateway gateway;
    private static String agency;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start();
        String good = provider("p-good");
        String sloppy = provider("p-sloppy");
        String uneven = provider("p-uneven");
        provider("p-silent");
        agency = gateway.createClient(new JsonObject().put("id", "a-1").put("name", "机构").put("role", "agency"));
        submit(good, 0, 10, 0);
        submit(sloppy, 100, 5, 5);
        submit(uneven, 200, 90, 10);
        submit(good, 300, 3, 0);
        gateway.post("/v1/lookups", agency, new JsonObject().put("subjects", new JsonArray().add(orgCode(1)).add(orgCode(2)))
                .put("reason", "审计测试"));
        gateway.post("/v1/lookups", agency, new JsonObject().put("subjects", new JsonArray().add(orgCode(3)))
                .put("reason", "审计测试"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String provider(String id) {
        return gateway.createClient(new JsonObject().put("id", id).put("name", id).put("role", "provider")
                .put("categories", new JsonArray().add("admin_penalty")));
    }

    private static void submit(String key, int first, int valid, int invalid) {
        Buffer body = Buffer.buffer();
        for (int i = 0; i < valid; i++) {
            body.appendString(penalty("R-" + (first + i), orgCode(first + i), "2026-01-01").encode()).appendString("\n");
        }
        for (int i = 0; i < invalid; i++) {
            body.appendString("{broken\n");
        }
        assertThat(gateway.post("/v1/submissions/admin_penalty", key, "application/x-ndjson", body).statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("each provider's figures for today and this month, last submission and light")
    void providerStats() {
        HttpResponse<Buffer> response = gateway.get("/admin/stats/providers", gateway.adminKey());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, JsonObject> byId = new HashMap<>();
        response.bodyAsJsonObject().getJsonArray("providers")
                .forEach(p -> byId.put(((JsonObject) p).getString("provider"), (JsonObject) p));
        assertThat(byId.get("p-good").getLong("accepted_today")).isEqualTo(13);
        assertThat(byId.get("p-good").getLong("accepted_month")).isEqualTo(13);
        assertThat(byId.get("p-good").getString("light")).isEqualTo("green");
        assertThat(byId.get("p-good").getString("last_submission_at")).endsWith("+08:00");
        assertThat(byId.get("p-sloppy").getLong("rejected_today")).isEqualTo(5);
        assertThat(byId.get("p-sloppy").getString("light")).isEqualTo("red");
        assertThat(byId.get("p-uneven").getString("light")).isEqualTo("yellow");
        assertThat(byId.get("p-silent").getString("light")).isEqualTo("red");
        assertThat(byId.get("p-silent").getValue("last_submission_at")).isNull();
        assertProblem(gateway.get("/admin/stats/providers", agency), 403, "FORBIDDEN");
    }

    @Test
    @DisplayName("the collection log: filtered by provider, newest first, paged")
    void collections() {
        JsonObject page = gateway.get("/v1/audit/collections?provider=p-good&limit=1", gateway.adminKey()).bodyAsJsonObject();
        JsonArray entries = page.getJsonArray("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.getJsonObject(0).getLong("accepted")).isEqualTo(3);
        assertThat(entries.getJsonObject(0).getString("channel")).isEqualTo("api");
        JsonObject next = gateway.get("/v1/audit/collections?provider=p-good&limit=1&cursor=" + page.getString("next_cursor"),
                gateway.adminKey()).bodyAsJsonObject();
        assertThat(next.getJsonArray("entries").getJsonObject(0).getLong("accepted")).isEqualTo(10);
        assertThat(next.containsKey("next_cursor")).isFalse();
        JsonObject sloppy = gateway.get("/v1/audit/collections?provider=p-sloppy", gateway.adminKey()).bodyAsJsonObject()
                .getJsonArray("entries").getJsonObject(0);
        assertThat(sloppy.getJsonObject("rejected_by_code").getLong("INVALID_JSON")).isEqualTo(5);
        assertThat(gateway.get("/v1/audit/collections?from=2099-01-01T00:00:00%2B08:00", gateway.adminKey())
                .bodyAsJsonObject().getJsonArray("entries")).isEmpty();
        assertProblem(gateway.get("/v1/audit/collections?from=yesterday", gateway.adminKey()), 400, "BAD_REQUEST");
        assertProblem(gateway.get("/v1/audit/collections", agency), 403, "FORBIDDEN");
    }

    @Test
    @DisplayName("the query log: filtered by client and by subject")
    void queries() {
        JsonArray bySubject = gateway.get("/v1/audit/queries?subject=" + orgCode(2), gateway.adminKey()).bodyAsJsonObject()
                .getJsonArray("entries");
        assertThat(bySubject).hasSize(1);
        assertThat(bySubject.getJsonObject(0).getString("client_id")).isEqualTo("a-1");
        assertThat(bySubject.getJsonObject(0).getString("reason")).isEqualTo("审计测试");
        assertThat(bySubject.getJsonObject(0).getJsonArray("subjects").getList()).containsExactly(orgCode(1), orgCode(2));
        assertThat(gateway.get("/v1/audit/queries?client=a-1", gateway.adminKey()).bodyAsJsonObject()
                .getJsonArray("entries")).hasSize(2);
        assertProblem(gateway.get("/v1/audit/queries", agency), 403, "FORBIDDEN");
    }
}
