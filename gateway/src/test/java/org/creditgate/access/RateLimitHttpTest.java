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
        // The bucket refills continuously (one token per 200 ms): on a slow machine a token may come back between
        // two requests, so each answer is held to what the elapsed time allows, never more.
        long firstSent = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            HttpResponse<Buffer> allowed = gateway.get(path, key);
            int refilled = tokensRefilledSince(firstSent);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.getHeader("RateLimit-Limit")).isEqualTo("5");
            assertThat(Integer.parseInt(allowed.getHeader("RateLimit-Remaining")))
                    .isBetween(4 - i, Math.min(4, 4 - i + refilled));
        }
        HttpResponse<Buffer> refused = firstRefusal(path, key, firstSent);
        assertProblem(refused, 429, "QUOTA_EXCEEDED");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.getHeader("RateLimit-Reset")).isNotBlank();
        // other clients are not affected
        assertThat(gateway.get("/admin/clients", gateway.adminKey()).statusCode()).isEqualTo(200);
        Thread.sleep(1100);
        assertThat(gateway.get(path, key).statusCode()).isEqualTo(200);
    }

    /**
     * Requests until one is refused: at most as many more as the bucket can have refilled since the first request,
     * plus one (the limit would be broken by any request let through beyond that).
     */
    private static HttpResponse<Buffer> firstRefusal(String path, String key, long firstSent) {
        for (int extra = 0; extra < 200; ) {
            HttpResponse<Buffer> response = gateway.get(path, key);
            if (response.statusCode() == 429) {
                return response;
            }
            assertThat(response.statusCode()).isEqualTo(200);
            extra++;
            assertThat(extra).as("requests let through beyond the first five").isLessThanOrEqualTo(tokensRefilledSince(firstSent));
        }
        throw new AssertionError("no request refused in 200: each took longer than the bucket takes to refill");
    }

    private static int tokensRefilledSince(long nanos) {
        return (int) ((System.nanoTime() - nanos) / 200_000_000L);
    }
}
