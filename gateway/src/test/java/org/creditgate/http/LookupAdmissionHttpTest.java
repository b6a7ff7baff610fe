package org.creditgate.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import org.creditgate.testing.RunningGateway;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

/**
 * A gateway that may answer one lookup at a time (lookups.max_in_flight: 1), over HTTP: while one lookup waits for its
 * query log entry (the log locked by another transaction), the next is refused at once, and the place is given back
 * when the first is answered.
 */
@DisplayName("Lookups in flight are bounded")
class LookupAdmissionHttpTest {

    private static RunningGateway gateway;
    private static String agency;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start(TestPostgres.freshDatabase(),
                config -> config.withDisclosure(config.disclosure().withMaxInFlight(1)));
        String provider = gateway.createClient(new JsonObject().put("id", "adm-amr").put("name", "市场监管局")
                .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
        agency = gateway.createClient(new JsonObject().put("id", "adm-agency").put("name", "征信机构")
                .put("role", "agency"));
        HttpResponse<Buffer> submitted = gateway.post("/v1/submissions/admin_penalty", provider,
                "application/x-ndjson", Buffer.buffer(penalty("ADM-1", orgCode(7001), "2026-04-01").encode() + "\n"));
        assertThat(submitted.bodyAsJsonObject().getLong("accepted")).as(submitted.bodyAsString()).isEqualTo(1);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    @DisplayName("beyond the bound a lookup gets 503 UNAVAILABLE with Retry-After at once, and no data; the waiting "
            + "lookup is answered once its entry is written, and its place serves the next")
    void refusedBeyondTheBound() {
        SqlConnection locker = gateway.pool().getConnection().await();
        Future<HttpResponse<Buffer>> waiting;
        try {
            Transaction lock = locker.begin().await();
            locker.query("LOCK TABLE query_log IN EXCLUSIVE MODE").execute().await();
            waiting = lookup();
            awaitInFlight(1);

            long started = System.nanoTime();
            HttpResponse<Buffer> refused = lookup().await();
            assertProblem(refused, 503, "UNAVAILABLE");
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            assertThat(refused.bodyAsString()).doesNotContain("ADM-1");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("refused without waiting for the locked log").isLessThan(Duration.ofSeconds(2));
            assertThat(sample("creditgate_lookup_refused_total", "reason=\"in_flight\"")).isEqualTo(1.0);
            assertThat(waiting.isComplete()).as("the first lookup still waits for its log entry").isFalse();

            lock.rollback().await();
        } finally {
            locker.close().await();
        }
        HttpResponse<Buffer> answered = waiting.await();
        assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
        assertThat(answered.bodyAsString()).contains("ADM-1");
        awaitInFlight(0);

        HttpResponse<Buffer> next = lookup().await();
        assertThat(next.statusCode()).as(next.bodyAsString()).isEqualTo(200);
        assertThat(next.bodyAsString()).contains("ADM-1");
    }

    private static Future<HttpResponse<Buffer>> lookup() {
        // a lookup that is neither answered nor refused fails the test instead of hanging it
        return gateway.request(HttpMethod.POST, "/v1/lookups", agency).timeout(10_000).sendJsonObject(new JsonObject()
                .put("subjects", new JsonArray(List.of(orgCode(7001)))).put("reason", "审查 2026-7"));
    }

    private static void awaitInFlight(double expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        double inFlight = -1;
        while (System.nanoTime() < deadline) {
            inFlight = sample("creditgate_lookup_in_flight", "");
            if (inFlight == expected) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("lookups in flight: expected " + expected + ", still " + inFlight);
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}. */
    private static double sample(String name, String label) {
        String metrics = gateway.get("/metrics", null).bodyAsString();
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        while (matcher.find()) {
            if (matcher.group(1).contains(label)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError(name + " with " + label + " not in /metrics");
    }
}
