package org.creditgate.access;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.testing.MutableClock;
import org.creditgate.testing.Records;
import org.creditgate.testing.RunningGateway;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;

/** The same quota held exactly across two instances is shown in {@link org.creditgate.ScaleOutTest}. */
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
}
