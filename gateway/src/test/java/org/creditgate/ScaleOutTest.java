package org.creditgate;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.testing.GatewayPair;
import org.creditgate.testing.Records;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;
import static org.creditgate.testing.Records.ndjson;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

/**
 * Gateway instances are stateless: two of them on one database behave as one gateway. What each instance keeps
 * in memory (the subject cache, leased quota) is kept consistent through the database.
 */
@DisplayName("Scale-out: two gateway instances on one database")
class ScaleOutTest {

    private static GatewayPair pair;

    @BeforeAll
    static void start() {
        pair = GatewayPair.start();
    }

    @AfterAll
    static void stop() {
        pair.close();
    }

    private static JsonObject lookupOf(int first, int count) {
        JsonArray subjects = new JsonArray();
        for (int i = 0; i < count; i++) {
            subjects.add(Records.orgCode(first + i));
        }
        return new JsonObject().put("subjects", subjects).put("reason", "扩展测试");
    }

    private static String fineSeenBy(RunningGateway gateway, String key, String subject) {
        HttpResponse<Buffer> response = gateway.post("/v1/lookups", key, new JsonObject()
                .put("subjects", new JsonArray().add(subject)).put("reason", "扩展测试"));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        JsonArray records = response.bodyAsJsonObject().getJsonArray("results").getJsonObject(0)
                .getJsonArray("records");
        assertThat(records).hasSize(1);
        return records.getJsonObject(0).getJsonObject("data").getString("fine_amount");
    }

    private static double cacheHits(RunningGateway gateway) {
        return gateway.get("/admin/stats/overview", gateway.adminKey()).bodyAsJsonObject().getLong("cache_hits");
    }

    @Test
    @DisplayName("a correction submitted through one instance is seen through the other within a second, cache or not")
    void correctionCrossesInstances() throws InterruptedException {
        RunningGateway a = pair.first();
        RunningGateway b = pair.second();
        String provider = a.createClient(new JsonObject().put("id", "scale-provider").put("name", "提供方")
                .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
        String agency = a.createClient(new JsonObject().put("id", "scale-agency").put("name", "机构")
                .put("role", "agency"));
        String subject = orgCode(77_001);
        JsonObject original = penalty("SCALE-1", subject, "2026-03-02");
        original.getJsonObject("data").put("fine_amount", "2.5");
        assertThat(a.post("/v1/submissions/admin_penalty", provider, "application/x-ndjson", ndjson(original))
                .bodyAsJsonObject().getLong("accepted")).isEqualTo(1);

        // b reads the subject once from the database, then answers it from its cache
        assertThat(fineSeenBy(b, agency, subject)).isEqualTo("2.5");
        double hitsBefore = cacheHits(b);
        assertThat(fineSeenBy(b, agency, subject)).isEqualTo("2.5");
        assertThat(cacheHits(b)).as("b answered from its cache").isEqualTo(hitsBefore + 1);

        JsonObject correction = original.copy();
        correction.getJsonObject("data").put("fine_amount", "3.75");
        assertThat(a.post("/v1/submissions/admin_penalty", provider, "application/x-ndjson", ndjson(correction))
                .bodyAsJsonObject().getLong("accepted")).isEqualTo(1);
        long committed = System.nanoTime();
        String seen = fineSeenBy(b, agency, subject);
        while (!seen.equals("3.75") && System.nanoTime() - committed < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(20);
            seen = fineSeenBy(b, agency, subject);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - committed);
        assertThat(seen).as("the corrected amount through b").isEqualTo("3.75");
        assertThat(elapsed).as("time until b showed the correction").isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("a daily quota is let through exactly across both instances, and none of it is stranded")
    void quotaExactAcrossInstances() throws Exception {
        RunningGateway a = pair.first();
        RunningGateway b = pair.second();
        String key = a.createClient(new JsonObject().put("id", "quota-agency").put("name", "征信机构")
                .put("role", "agency").put("quota", new JsonObject().put("subjects_per_day", 2500)));

        // b takes a lease and goes quiet: what it does not use must come back to the shared count
        assertThat(b.post("/v1/lookups", key, lookupOf(0, 100)).statusCode()).isEqualTo(200);

        AtomicLong accepted = new AtomicLong(100);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        long deadline = System.currentTimeMillis() + 5_000;
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            RunningGateway target = t % 4 == 0 ? b : a;
            loops.add(threads.submit(() -> {
                while (System.currentTimeMillis() < deadline) {
                    HttpResponse<Buffer> response = target.post("/v1/lookups", key, lookupOf(1000, 100));
                    if (response.statusCode() == 200) {
                        accepted.addAndGet(100);
                    } else {
                        assertThat(response.statusCode()).isEqualTo(429);
                        Thread.sleep(100);
                    }
                }
                return null;
            }));
        }
        for (Future<?> loop : loops) {
            loop.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(accepted.get()).as("subjects let through").isEqualTo(2500);
        for (RunningGateway gateway : List.of(a, b)) {
            HttpResponse<Buffer> refused = gateway.post("/v1/lookups", key, lookupOf(0, 1));
            assertProblem(refused, 429, "QUOTA_EXCEEDED");
            assertThat(refused.getHeader("RateLimit-Limit")).isEqualTo("2500");
            assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
        }
    }
}
