package org.creditgate.access;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;

@DisplayName("Requests per second over HTTP")
class RateLimitHttpTest {

    private static RunningGateway gateway;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    @DisplayName("a client is held to its rate: 429 QUOTA_EXCEEDED with Retry-After and RateLimit headers, then let through again")
    void heldToItsRate() throws InterruptedException {
        String key = gateway.createClient(new JsonObject().put("id", "slow-site").put("name", "网站").put("role", "public")
                .put("quota", new JsonObject().put("requests_per_second", 5)));
        String path = "/v1/subjects/914403001922038216";
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            HttpResponse<Buffer> allowed = gateway.get(path, key);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.getHeader("RateLimit-Limit")).isEqualTo("5");
            // a token comes back every 200 ms: on a slow machine some may have come back since the first request
            long refilled = (System.nanoTime() - started) / 200_000_000L;
            assertThat(Integer.parseInt(allowed.getHeader("RateLimit-Remaining")))
                    .isBetween(4 - i, (int) Math.min(4, 4 - i + refilled));
        }
        HttpResponse<Buffer> refused = gateway.get(path, key);
        for (int extra = 0; refused.statusCode() == 200 && extra < 50; extra++) {
            refused = gateway.get(path, key);
        }
        assertProblem(refused, 429, "QUOTA_EXCEEDED");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.getHeader("RateLimit-Reset")).isNotBlank();
        // other clients are not affected
        assertThat(gateway.get("/admin/clients", gateway.adminKey()).statusCode()).isEqualTo(200);
        Thread.sleep(1100);
        assertThat(gateway.get(path, key).statusCode()).isEqualTo(200);
    }
}
