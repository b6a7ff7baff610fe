package org.creditgate.audit;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.ndjson;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

/**
 * Submissions (each logged in its own transaction) and lookups (group-committed query log entries) all at once,
 * from several providers and agencies, through a gateway with one event loop per core: the chain they make is one,
 * without gaps or forks, and verifies.
 */
@DisplayName("The log chain under concurrent writers")
class ConcurrentChainTest {

    private static final int PROVIDERS = 3;
    private static final int SUBMISSIONS_EACH = 5;
    private static final int AGENCIES = 3;
    private static final int LOOKUPS_EACH = 20;

    @Test
    @DisplayName("concurrent submissions and lookups make one intact chain, one entry each")
    void concurrentWritersMakeOneChain() {
        try (RunningGateway gateway = RunningGateway.start()) {
            List<String> providers = new ArrayList<>();
            List<String> agencies = new ArrayList<>();
            for (int i = 0; i < PROVIDERS; i++) {
                providers.add(gateway.createClient(new JsonObject().put("id", "c-amr-" + i).put("name", "监管局 " + i)
                        .put("role", "provider").put("categories", new JsonArray().add("admin_penalty"))));
            }
            for (int i = 0; i < AGENCIES; i++) {
                agencies.add(gateway.createClient(new JsonObject().put("id", "c-agency-" + i).put("name", "机构 " + i)
                        .put("role", "agency")));
            }

            List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
            for (int round = 0; round < LOOKUPS_EACH; round++) {
                for (int p = 0; p < PROVIDERS && round < SUBMISSIONS_EACH; p++) {
                    answers.add(gateway.request(HttpMethod.POST, "/v1/submissions/admin_penalty", providers.get(p))
                            .putHeader("Content-Type", "application/x-ndjson")
                            .sendBuffer(ndjson(penalty("CC-" + p + "-" + round, orgCode(p * 100 + round),
                                    "2026-04-01"))));
                }
                for (int a = 0; a < AGENCIES; a++) {
                    answers.add(gateway.request(HttpMethod.POST, "/v1/lookups", agencies.get(a))
                            .sendJsonObject(new JsonObject().put("reason", "并发 " + round)
                                    .put("subjects", new JsonArray().add(orgCode(a * 100 + round)))));
                }
            }
            for (Future<HttpResponse<Buffer>> answer : answers) {
                HttpResponse<Buffer> response = answer.await();
                assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            }

            JsonObject verified = gateway.get("/v1/audit/verify", gateway.adminKey()).bodyAsJsonObject();
            assertThat(verified.getBoolean("ok")).as(verified.encode()).isTrue();
            assertThat(verified.getLong("entries")).isEqualTo((long) answers.size());
            long seqs = gateway.pool().query("""
                    SELECT count(DISTINCT seq) FROM (SELECT seq FROM collection_log UNION ALL SELECT seq FROM query_log) e
                    """).execute().await().iterator().next().getLong(0);
            assertThat(seqs).isEqualTo(answers.size());
        }
    }
}
