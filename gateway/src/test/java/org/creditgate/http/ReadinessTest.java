package org.creditgate.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.store.EmbeddedDatabase;
import org.creditgate.store.Migrations;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.creditgate.testing.Records;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;

@DisplayName("Readiness and database outages")
class ReadinessTest {

    private static final int LOAD_THREADS = 6;
    private static final long OUTAGE_MS = 3000;

    @Test
    @DisplayName("ready goes to 503 when PostgreSQL stops, live stays 200, and ready recovers when it returns")
    void readinessFollowsTheDatabase(@TempDir Path directory) throws Exception {
        EmbeddedDatabase postgres = EmbeddedDatabase.start(directory);
        int port = postgres.port();
        DatabaseUrl url = postgres.url();
        Migrations.migrate(url);
        try (RunningGateway gateway = RunningGateway.start(url, config -> config)) {
            assertThat(gateway.get("/health/ready", null).statusCode()).isEqualTo(200);

            postgres.close();
            HttpResponse<Buffer> down = awaitStatus(() -> gateway.get("/health/ready", null), 503, 15_000);
            assertProblem(down, 503, "UNAVAILABLE");
            assertThat(down.getHeader("Retry-After")).isNotBlank();
            assertThat(gateway.get("/health/live", null).statusCode()).isEqualTo(200);
            // an authenticated request that needs the database fails fast with 503, not a hang or a 500
            HttpResponse<Buffer> refused = gateway.get("/admin/clients", gateway.adminKey());
            assertThat(refused.statusCode()).isIn(503);

            postgres = EmbeddedDatabase.start(directory, port);
            awaitStatus(() -> gateway.get("/health/ready", null), 200, 15_000);
        } finally {
            postgres.close();
        }
    }

    /** One request of the load: what was sent, when, and what came back. */
    private record Sent(String kind, long startedNanos, long endedNanos, int status, String code,
                        List<String> recordIds) {
    }

    @Test
    @DisplayName("under load: PostgreSQL stops, everything fails fast with 503, nothing is acknowledged, recovery is automatic")
    void outageUnderLoad(@TempDir Path directory) throws Exception {
        EmbeddedDatabase postgres = EmbeddedDatabase.start(directory);
        int port = postgres.port();
        DatabaseUrl url = postgres.url();
        Migrations.migrate(url);
        List<Sent> sent = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(LOAD_THREADS);
        try (RunningGateway gateway = RunningGateway.start(url, config -> config)) {
            String agency = gateway.createClient(new JsonObject().put("id", "outage-agency").put("name", "信用服务")
                    .put("role", "agency"));
            String provider = gateway.createClient(new JsonObject().put("id", "outage-amr").put("name", "市场监管")
                    .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
            AtomicInteger nextRecord = new AtomicInteger();
            for (int t = 0; t < LOAD_THREADS; t++) {
                boolean submits = t % 2 == 0;
                load.submit(() -> {
                    while (running.get()) {
                        sent.add(submits ? submit(gateway, provider, nextRecord) : lookup(gateway, agency));
                    }
                    return null;
                });
            }
            Thread.sleep(1500);
            assertThat(sent).as("the load is answered before the outage").anyMatch(s -> s.status() == 200);

            long stopping = System.nanoTime();
            postgres.close();
            long stopped = System.nanoTime();
            HttpResponse<Buffer> down = awaitStatus(() -> gateway.get("/health/ready", null), 503, 15_000);
            assertProblem(down, 503, "UNAVAILABLE");
            assertThat(gateway.get("/health/live", null).statusCode()).isEqualTo(200);
            Thread.sleep(OUTAGE_MS);

            long restarting = System.nanoTime();
            postgres = EmbeddedDatabase.start(directory, port);
            long restarted = System.nanoTime();
            awaitStatus(() -> gateway.get("/health/ready", null), 200, 15_000);
            long ready = System.nanoTime();
            // the load itself recovers: fresh lookups and submissions succeed again
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline && sent.stream().noneMatch(s -> s.startedNanos() > restarted
                    && s.status() == 200 && s.kind().equals("submission"))) {
                Thread.sleep(100);
            }
            long recovered = System.nanoTime();
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            List<Sent> during = sent.stream().filter(s -> s.startedNanos() > stopped && s.endedNanos() < restarting)
                    .toList();
            System.out.printf("outage under load: %d requests, %d during the outage (slowest %d ms), "
                            + "ready %.1f s and serving submissions %.1f s after PostgreSQL was back (its start took %.1f s)%n",
                    sent.size(), during.size(),
                    during.stream().mapToLong(s -> (s.endedNanos() - s.startedNanos()) / 1_000_000).max().orElse(0),
                    (ready - restarted) / 1e9, (recovered - restarted) / 1e9, (restarted - restarting) / 1e9);
            assertThat(sent).as("no 5xx other than 503, ever").allSatisfy(s ->
                    assertThat(s.status() < 500 || s.status() == 503).as(s.toString()).isTrue());
            assertThat(during).as("requests while the database is away").isNotEmpty().allSatisfy(s -> {
                assertThat(s.status()).as(s.toString()).isEqualTo(503);
                assertThat(s.code()).isEqualTo("UNAVAILABLE");
                assertThat((s.endedNanos() - s.startedNanos()) / 1_000_000).as("ms to fail").isLessThan(5000);
            });
            assertThat(sent).as("served again after recovery").anyMatch(s -> s.startedNanos() > restarted
                    && s.status() == 200 && s.kind().equals("lookup"));
            assertThat(sent).anyMatch(s -> s.startedNanos() > restarted && s.status() == 200
                    && s.kind().equals("submission"));
            assertThat((recovered - restarted) / 1_000_000).as("ms to recover").isLessThan(15_000);

            // what was acknowledged is there, once; nothing was acknowledged while the database was away
            List<String> acknowledged = sent.stream().filter(s -> s.kind().equals("submission") && s.status() == 200)
                    .flatMap(s -> s.recordIds().stream()).toList();
            long stored = gateway.pool().preparedQuery("SELECT count(*) FROM record_versions WHERE record_id = ANY($1)")
                    .execute(Tuple.of(acknowledged.toArray(new String[0]))).await().iterator().next().getLong(0);
            assertThat(stored).isEqualTo(acknowledged.size());
            assertThat(sent).noneMatch(s -> s.status() == 200 && s.startedNanos() > stopped && s.endedNanos() < restarting);
            assertThat(stopping).isLessThan(stopped);
        } finally {
            running.set(false);
            load.shutdownNow();
            postgres.close();
        }
    }

    private static Sent submit(RunningGateway gateway, String provider, AtomicInteger nextRecord) {
        List<String> ids = new ArrayList<>();
        Buffer body = Buffer.buffer();
        for (int i = 0; i < 20; i++) {
            String id = "OUT-" + nextRecord.incrementAndGet();
            ids.add(id);
            body.appendString(Records.penalty(id, Records.orgCode(nextRecord.get() % 500), "2025-05-01").encode())
                    .appendString("\n");
        }
        long started = System.nanoTime();
        HttpResponse<Buffer> response = gateway.request(HttpMethod.POST, "/v1/submissions/admin_penalty", provider)
                .putHeader("Content-Type", "application/x-ndjson").timeout(30_000).sendBuffer(body).await();
        return sent("submission", started, response, ids);
    }

    private static Sent lookup(RunningGateway gateway, String agency) {
        long started = System.nanoTime();
        HttpResponse<Buffer> response = gateway.request(HttpMethod.POST, "/v1/lookups", agency).timeout(30_000)
                .sendJsonObject(new JsonObject().put("subjects", new JsonArray().add(Records.orgCode(started % 500)))
                        .put("reason", "贷款审查")).await();
        return sent("lookup", started, response, List.of());
    }

    private static Sent sent(String kind, long started, HttpResponse<Buffer> response, List<String> ids) {
        String code = null;
        if (response.statusCode() >= 400 && "application/problem+json".equals(response.getHeader("Content-Type"))) {
            code = response.bodyAsJsonObject().getString("code");
        }
        return new Sent(kind, started, System.nanoTime(), response.statusCode(), code, ids);
    }

    private static HttpResponse<Buffer> awaitStatus(Supplier<HttpResponse<Buffer>> probe, int status, long timeoutMs)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        HttpResponse<Buffer> last = probe.get();
        while (last.statusCode() != status && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            last = probe.get();
        }
        assertThat(last.statusCode()).as("status within " + timeoutMs + " ms").isEqualTo(status);
        return last;
    }
}
