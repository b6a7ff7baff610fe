package org.creditgate.access;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.testing.MutableClock;
import org.creditgate.testing.Records;
import org.creditgate.testing.RunningGateway;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;


import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;

@DisplayName("Daily subject quotas over HTTP")
class DailyQuotaHttpTest {

    private static JsonObject lookupOf(int first, int count) {
        JsonArray subjects = new JsonArray();
        for (int i = 0; i < count; i++) {
            subjects.add(Records.orgCode(first + i));
        }
        return new JsonObject().put("subjects", subjects).put("reason", "配额测试");
    }

    @Test
    @DisplayName("two instances on one database let a client through to its quota exactly, and strand none of it")
    void exactAcrossInstances() throws Exception {
        DatabaseUrl database = TestPostgres.freshDatabase();
        try (RunningGateway a = RunningGateway.start(database, config -> config);
             RunningGateway b = RunningGateway.start(database, config -> config)) {
            String key = a.createClient(new JsonObject().put("id", "quota-agency").put("name", "征信机构")
                    .put("role", "agency").put("quota", new JsonObject().put("subjects_per_day", 2500)));

            // b takes a lease and goes quiet: what it does not use must come back to the shared count
            assertThat(b.post("/v1/lookups", key, lookupOf(0, 100)).statusCode()).isEqualTo(200);

            AtomicLong accepted = new AtomicLong(100);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long deadline = System.currentTimeMillis() + 5_000;
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RunningGateway target = t % 4 == 0 ? b : a;
                loops.add(pool.submit(() -> {
                    while (System.currentTimeMillis() < deadline) {
                        HttpResponse<Buffer> response = target.post("/v1/lookups", key, lookupOf(1000, 100));
                        if (response.statusCode() == 200) {
                            accepted.addAndGet(100);
                        } else {
                            assertThat(response.statusCode()).isEqualTo(429);
                            sleep(100);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(accepted.get()).as("subjects let through").isEqualTo(2500);
            HttpResponse<Buffer> refused = a.post("/v1/lookups", key, lookupOf(0, 1));
            assertProblem(refused, 429, "QUOTA_EXCEEDED");
            assertThat(refused.getHeader("RateLimit-Limit")).isEqualTo("2500");
            assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
        }
    }

    @Test
    @DisplayName("the day is the Asia/Shanghai calendar day: refused at 23:59, let through again after midnight")
    void dayBoundary() {
        MutableClock clock = new MutableClock(OffsetDateTime.parse("2026-11-23T23:59:00+08:00").toInstant());
        try (RunningGateway gateway = RunningGateway.start(TestPostgres.freshDatabase(), config -> config, clock)) {
            String key = gateway.createClient(new JsonObject().put("id", "day-agency").put("name", "机构")
                    .put("role", "agency").put("quota", new JsonObject().put("subjects_per_day", 200)));
            assertThat(gateway.post("/v1/lookups", key, lookupOf(0, 200)).statusCode()).isEqualTo(200);
            HttpResponse<Buffer> refused = gateway.post("/v1/lookups", key, lookupOf(0, 1));
            assertProblem(refused, 429, "QUOTA_EXCEEDED");
            assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
            assertThat(refused.getHeader("RateLimit-Reset")).isEqualTo("60");
            clock.set(OffsetDateTime.parse("2026-11-24T00:00:01+08:00").toInstant());
            // a lookup bigger than the whole quota is refused whole
            assertProblem(gateway.post("/v1/lookups", key, lookupOf(0, 201)), 429, "QUOTA_EXCEEDED");
            assertThat(gateway.post("/v1/lookups", key, lookupOf(0, 200)).statusCode()).isEqualTo(200);
            assertProblem(gateway.post("/v1/lookups", key, lookupOf(0, 1)), 429, "QUOTA_EXCEEDED");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
