package org.creditgate.reliability;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.orgCode;

/**
 * Thousands of generated hostile requests ({@link HostileRequests}) at a running gateway, plus raw bytes that are
 * not HTTP at all: never a 5xx, every error is problem+json with a code and no exception text, and afterwards the
 * gateway is ready and answers a normal lookup.
 */
@DisplayName("Hostile input over HTTP: thousands of generated bad requests, never a 5xx")
class HostileRequestsTest {

    private static final int REQUESTS = 6000;
    private static final int RAW_CONNECTIONS = 300;
    private static final int IN_FLIGHT = 24;
    private static final long SEED = 20261123L;

    private static RunningGateway gateway;
    private static final Map<String, String> KEYS = new HashMap<>();

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start();
        KEYS.put("admin", gateway.adminKey());
        KEYS.put("provider", client("hostile-amr", "provider", new JsonArray().add("admin_penalty").add("tax_arrears")));
        KEYS.put("agency", client("hostile-agency", "agency", null));
        KEYS.put("portal", client("hostile-portal", "portal", null));
        KEYS.put("public", client("hostile-public", "public", null));
        KEYS.put("government", client("hostile-gov", "government", null));
        KEYS.put("judicial", client("hostile-court", "judicial", null));
        KEYS.put("garbage", "cg_" + "A".repeat(43));
    }

    private static String client(String id, String role, JsonArray categories) {
        JsonObject body = new JsonObject().put("id", id).put("name", "对抗测试 " + id).put("role", role);
        if (categories != null) {
            body.put("categories", categories);
        }
        return gateway.createClient(body);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private record Outcome(HostileRequests.Request request, int status, String contentType, String body) {
    }

    @Test
    @DisplayName("6,000 generated hostile requests: zero 5xx, problem+json on every 4xx, healthy afterwards")
    void hostileRequests() throws Exception {
        List<HostileRequests.Request> requests = new HostileRequests(SEED).generate(REQUESTS);
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> transportFailures = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicInteger done = new AtomicInteger();
        for (HostileRequests.Request request : requests) {
            inFlight.acquire();
            send(request).onComplete(result -> {
                if (result.succeeded()) {
                    HttpResponse<Buffer> response = result.result();
                    outcomes.add(new Outcome(request, response.statusCode(), response.getHeader("Content-Type"),
                            response.bodyAsString()));
                } else {
                    transportFailures.add(request + " -> " + result.cause());
                }
                done.incrementAndGet();
                inFlight.release();
            });
        }
        inFlight.acquire(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);

        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> badProblems = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            byStatus.merge(outcome.status(), 1, Integer::sum);
            if (outcome.status() >= 500) {
                serverErrors.add(outcome.status() + " " + outcome.body() + " <- " + outcome.request());
            } else if (outcome.status() >= 400 && !isProblem(outcome)) {
                badProblems.add(outcome.status() + " " + outcome.contentType() + " " + outcome.body() + " <- "
                        + outcome.request());
            }
        }
        System.out.println("hostile requests: " + outcomes.size() + " answered, by status " + byStatus
                + ", transport failures " + transportFailures.size());
        assertThat(serverErrors).as("5xx answers").isEmpty();
        assertThat(badProblems).as("4xx answers that are not proper problem+json").isEmpty();
        // a request whose body is refused unread may have its connection closed under it; that is not an answer
        // the client can misread, but most requests must still get one
        assertThat(outcomes.size()).as("answered; transport failures: " + transportFailures.stream().limit(5).toList())
                .isGreaterThanOrEqualTo(REQUESTS * 95 / 100);
        assertStillServing();
    }

    @Test
    @DisplayName("raw bytes that are not HTTP get a 4xx or a closed connection, never a 5xx")
    void rawGarbage() throws Exception {
        Map<String, Integer> firstLines = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < RAW_CONNECTIONS; i++) {
                int index = i;
                sent.add(pool.submit(() -> {
                    String answer = sendGarbage(index);
                    String firstLine = answer.isEmpty() ? "(closed or silent)"
                            : answer.substring(0, Math.max(0, answer.indexOf('\r')));
                    firstLines.merge(firstLine, 1, Integer::sum);
                    boolean fine = answer.isEmpty() || (answer.matches("(?s)HTTP/1\\.[01] 4.*")
                            && answer.contains("application/problem+json") && !answer.contains("Exception"));
                    if (!fine) {
                        wrong.add(answer);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> one : sent) {
                one.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("raw garbage: " + RAW_CONNECTIONS + " connections, first lines " + firstLines);
        assertThat(wrong).as("answers to raw garbage that are not a 4xx problem").isEmpty();
        assertStillServing();
    }

    /** Random bytes (a third of them after a plausible request start) on a new connection; what came back. */
    private static String sendGarbage(int index) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED + index);
        byte[] garbage = new byte[1 + random.nextInt(4000)];
        for (int b = 0; b < garbage.length; b++) {
            garbage[b] = (byte) random.nextInt(256);
        }
        if (index % 3 == 0) {
            byte[] start = ("POST /v1/lookups HTTP/1.1\r\nHost: x\r\nContent-Length: " + random.nextInt(100)
                    + "\r\n").getBytes();
            System.arraycopy(start, 0, garbage, 0, Math.min(start.length, garbage.length));
        }
        try (RawHttp raw = new RawHttp(gateway.port())) {
            raw.send(garbage);
            // an answer comes at once; a connection the decoder still waits on is left to the header deadline
            return raw.readAll(700);
        } catch (IOException reset) {
            return "";
        }
    }

    private static Future<HttpResponse<Buffer>> send(HostileRequests.Request request) {
        HttpRequest<Buffer> http = gateway.request(request.method(), request.uri(), KEYS.get(request.role()))
                .timeout(30_000);
        if (request.contentType() != null) {
            http.putHeader("Content-Type", request.contentType());
        }
        try {
            return request.body() == null ? http.send() : http.sendBuffer(Buffer.buffer(request.body()));
        } catch (RuntimeException refusedByTheClientLibrary) {
            // the client library refuses some requests (an invalid URI) before sending them: send those raw
            return Future.failedFuture(refusedByTheClientLibrary);
        }
    }

    private static boolean isProblem(Outcome outcome) {
        if (!"application/problem+json".equals(outcome.contentType())) {
            return false;
        }
        if (outcome.request().method() == io.vertx.core.http.HttpMethod.HEAD) {
            return outcome.body() == null; // HEAD answers carry the headers of the problem, never its body
        }
        try {
            JsonObject problem = new JsonObject(outcome.body());
            return problem.getString("code") != null && problem.getString("code").matches("[A-Z_]+")
                    && problem.getInteger("status") == outcome.status()
                    && !outcome.body().contains("Exception") && !outcome.body().contains("\tat ");
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    private static void assertStillServing() throws InterruptedException {
        assertThat(gateway.get("/health/ready", null).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> lookup = gateway.post("/v1/lookups", KEYS.get("agency"), new JsonObject()
                .put("subjects", new JsonArray().add(orgCode(7))).put("reason", "贷款审查 after the storm"));
        assertThat(lookup.statusCode()).as(lookup.bodyAsString()).isEqualTo(200);
        TimeUnit.MILLISECONDS.sleep(1);
    }
}
