package org.creditgate.reliability;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.creditgate.config.GatewayConfig;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;
import static org.creditgate.testing.Records.ndjson;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

/**
 * Every limit of the gateway, over HTTP, with small configured values so they are cheap to reach: JSON nesting
 * and string length, body size, header size, request line length, the header deadline against slow clients, and
 * concurrent submissions per provider.
 */
@DisplayName("Resource limits: bodies, headers, slow clients, concurrent submissions")
class ResourceLimitsTest {

    private static final int HEADER_TIMEOUT_SECONDS = 1;
    private static final int IDLE_TIMEOUT_SECONDS = 5;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_STRING = 1000;
    private static final int MAX_SUBMISSIONS = 2;
    private static final int BATCH_MAX_BYTES = 64 * 1024;

    private static RunningGateway gateway;
    private static int batchSize;
    private static String agency;
    private static String provider;
    private static String otherProvider;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start(config -> {
            GatewayConfig.Http http = config.http();
            GatewayConfig.Submissions submissions = config.submissions();
            batchSize = submissions.batchSize();
            return config
                    .withHttp(new GatewayConfig.Http(http.host(), http.port(), http.maxHeaderBytes(), 64 * 1024,
                            IDLE_TIMEOUT_SECONDS, 2, HEADER_TIMEOUT_SECONDS, MAX_DEPTH, MAX_STRING,
                            http.shutdownGraceSeconds()))
                    .withSubmissions(new GatewayConfig.Submissions(submissions.batchSize(), BATCH_MAX_BYTES,
                            submissions.maxLineBytes(), submissions.maxErrorsListed(), MAX_SUBMISSIONS));
        });
        agency = gateway.createClient(new JsonObject().put("id", "limits-agency").put("name", "信用服务")
                .put("role", "agency"));
        provider = gateway.createClient(new JsonObject().put("id", "limits-amr").put("name", "市场监管")
                .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
        otherProvider = gateway.createClient(new JsonObject().put("id", "limits-tax").put("name", "税务")
                .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<Buffer> lookup(String body) {
        return gateway.post("/v1/lookups", agency, "application/json", Buffer.buffer(body));
    }

    private static HttpResponse<Buffer> lookup(byte[] body) {
        return gateway.post("/v1/lookups", agency, "application/json", Buffer.buffer(body));
    }

    @Test
    @DisplayName("JSON bodies: nesting, string length, NUL, surrogates, duplicates, encoding, types: 400 each")
    void jsonLimits() {
        String subjects = "\"subjects\":[\"" + orgCode(1) + "\"]";
        // the limit itself is fine, one level more is not
        String atLimit = "{" + subjects + ",\"reason\":\"r\",\"categories\":" + "[".repeat(MAX_DEPTH - 1)
                + "]".repeat(MAX_DEPTH - 1) + "}";
        assertProblem(lookup(atLimit), 400, "BAD_REQUEST"); // nested arrays are not category ids, but it parsed
        assertThat(lookup(atLimit).bodyAsJsonObject().getString("detail")).doesNotContain("limit");
        String tooDeep = "{" + subjects + ",\"reason\":\"r\",\"categories\":" + "[".repeat(MAX_DEPTH)
                + "]".repeat(MAX_DEPTH) + "}";
        HttpResponse<Buffer> deep = lookup(tooDeep);
        assertProblem(deep, 400, "BAD_REQUEST");
        assertThat(deep.bodyAsJsonObject().getString("detail")).contains(MAX_DEPTH + " levels");
        assertProblem(lookup("[".repeat(50_000)), 400, "BAD_REQUEST");

        assertThat(lookup("{" + subjects + ",\"reason\":\"" + "x".repeat(MAX_STRING - 600) + "\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<Buffer> longString = lookup("{" + subjects + ",\"reason\":\"" + "x".repeat(MAX_STRING + 1) + "\"}");
        assertProblem(longString, 400, "BAD_REQUEST");
        assertThat(longString.bodyAsJsonObject().getString("detail")).contains(MAX_STRING + " characters");
        assertProblem(lookup("{" + subjects + ",\"" + "k".repeat(MAX_STRING + 1) + "\":1}"), 400, "BAD_REQUEST");

        assertProblem(lookup("{" + subjects + ",\"reason\":\"a\\u0000b\"}"), 400, "BAD_REQUEST");
        assertProblem(lookup("{" + subjects + ",\"reason\":\"a\\ud800b\"}"), 400, "BAD_REQUEST");
        assertProblem(lookup("{" + subjects + ",\"reason\":\"a\",\"reason\":\"b\"}"), 400, "BAD_REQUEST");
        assertProblem(lookup("{" + subjects + ",\"reason\":\"a\"} trailing"), 400, "BAD_REQUEST");
        assertProblem(lookup("{" + subjects + ",\"reason\":1e999999999}"), 400, "BAD_REQUEST");
        assertProblem(lookup("{" + subjects + ",\"reason\":" + "9".repeat(5000) + "}"), 400, "BAD_REQUEST");
        byte[] invalidUtf8 = ("{" + subjects + ",\"reason\":\"\u00ff\"}").getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(lookup(invalidUtf8), 400, "BAD_REQUEST");
        assertProblem(lookup(""), 400, "BAD_REQUEST");
        assertProblem(lookup("null"), 400, "BAD_REQUEST");
        assertProblem(lookup("{\"subjects\":\"" + orgCode(1) + "\",\"reason\":\"r\"}"), 400, "BAD_REQUEST");
        assertProblem(lookup("{\"subjects\":[1],\"reason\":\"r\"}"), 400, "BAD_REQUEST");
        assertProblem(lookup("{" + subjects + ",\"reason\":[\"r\"]}"), 400, "BAD_REQUEST");
        assertProblem(lookup("{" + subjects + ",\"reason\":\"r\",\"categories\":{}}"), 400, "BAD_REQUEST");
    }

    @Test
    @DisplayName("a lookup body over max_body_bytes is 413, and a lookup over max_subjects is TOO_MANY_SUBJECTS")
    void bodyAndListLimits() {
        HttpResponse<Buffer> tooBig = lookup("{\"reason\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertProblem(tooBig, 413, "PAYLOAD_TOO_LARGE");
        JsonArray many = new JsonArray();
        for (int i = 0; i < 1001; i++) {
            many.add(orgCode(i));
        }
        assertProblem(gateway.post("/v1/lookups", agency, new JsonObject().put("subjects", many).put("reason", "r")),
                400, "TOO_MANY_SUBJECTS");
    }

    @Test
    @DisplayName("oversized headers are 431 and an oversized request line 414, both problem+json")
    void headerAndLineLimits() throws IOException {
        try (RawHttp raw = new RawHttp(gateway.port())) {
            raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Padding: " + "p".repeat(16 * 1024) + "\r\n\r\n");
            String answer = raw.readAll(10_000);
            assertThat(answer).startsWith("HTTP/1.").contains(" 431 ").contains("application/problem+json")
                    .contains("\"code\":\"HEADERS_TOO_LARGE\"");
        }
        try (RawHttp raw = new RawHttp(gateway.port())) {
            raw.send("GET /health/live?" + "q".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            String answer = raw.readAll(10_000);
            // the decoder reads an unreadable request as HTTP/1.0
            assertThat(answer).startsWith("HTTP/1.").contains(" 414 ").contains("application/problem+json")
                    .contains("\"code\":\"URI_TOO_LONG\"");
        }
        try (RawHttp raw = new RawHttp(gateway.port())) {
            raw.send("\u0016\u0003\u0001 this is not HTTP at all\r\n\r\n");
            String answer = raw.readAll(10_000);
            assertThat(answer).startsWith("HTTP/1.").contains(" 400 ").contains("\"code\":\"BAD_REQUEST\"");
        }
        HttpResponse<Buffer> nul = gateway.get("/v1/subjects/%00?reason=x", agency);
        assertProblem(nul, 400, "BAD_REQUEST");
    }

    @Test
    @DisplayName("slow clients dribbling headers are cut after the header deadline and do not starve others")
    void slowClients() throws Exception {
        int dribblers = 150;
        ExecutorService pool = Executors.newFixedThreadPool(dribblers);
        try {
            List<Future<Long>> cutAfterMs = new ArrayList<>();
            for (int i = 0; i < dribblers; i++) {
                boolean silent = i % 3 == 0;
                cutAfterMs.add(pool.submit(() -> dribble(silent)));
            }
            // while they dribble, ordinary requests are answered promptly
            Thread.sleep(300);
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                assertThat(gateway.get("/health/live", null).statusCode()).isEqualTo(200);
                assertThat(gateway.post("/v1/lookups", agency, new JsonObject()
                        .put("subjects", new JsonArray().add(orgCode(i))).put("reason", "r")).statusCode())
                        .isEqualTo(200);
                assertThat((System.nanoTime() - started) / 1_000_000).as("ms for two requests").isLessThan(3000);
            }
            for (Future<Long> cut : cutAfterMs) {
                long ms = cut.get(30, TimeUnit.SECONDS);
                assertThat(ms).as("a dribbling connection is closed after the deadline, well before it finishes")
                        .isBetween(HEADER_TIMEOUT_SECONDS * 1000L - 100, 8_000L);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(gateway.get("/health/ready", null).statusCode()).isEqualTo(200);
    }

    /**
     * Sends a request's headers one byte every 150 ms (about 12 s for all of them), or nothing at all; returns
     * after how many ms the server closed the connection.
     */
    private static long dribble(boolean silent) throws IOException, InterruptedException {
        byte[] request = ("GET /health/live HTTP/1.1\r\nHost: slow\r\nUser-Agent: " + "s".repeat(40) + "\r\n"
                + "X-Slow: 1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long started = System.nanoTime();
        try (RawHttp raw = new RawHttp(gateway.port())) {
            if (silent) {
                assertThat(raw.closedByServer(12_000)).isTrue();
                return (System.nanoTime() - started) / 1_000_000;
            }
            for (byte b : request) {
                try {
                    raw.send(new byte[]{b});
                } catch (IOException closed) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
                if (raw.closedByServer(150)) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            }
        }
        throw new AssertionError("the whole request was dribbled in without the connection being closed");
    }

    @Test
    @DisplayName("a kept-alive connection may wait for its next request up to the idle timeout, not dribble longer")
    void keptAliveConnections() throws Exception {
        String request = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
        try (RawHttp raw = new RawHttp(gateway.port())) {
            raw.send(request);
            assertThat(raw.readStatus(5000)).isEqualTo(200);
            raw.readAll(300);
            // longer than the header deadline, shorter than the idle timeout: still open for the next request
            Thread.sleep(HEADER_TIMEOUT_SECONDS * 1000L + 800);
            raw.send(request);
            assertThat(raw.readStatus(5000)).isEqualTo(200);
            raw.readAll(300);
            // the next request's headers dribbled in: cut within the idle timeout (checked every quarter second)
            long started = System.nanoTime();
            boolean closed = false;
            for (byte b : ("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: " + "s".repeat(200) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)) {
                try {
                    raw.send(new byte[]{b});
                } catch (IOException cut) {
                    closed = true;
                    break;
                }
                if (raw.closedByServer(100)) {
                    closed = true;
                    break;
                }
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertThat(closed).as("closed before the headers were complete").isTrue();
            assertThat(ms).isBetween(IDLE_TIMEOUT_SECONDS * 1000L - 1500, IDLE_TIMEOUT_SECONDS * 1000L + 5000);
        }
    }

    @Test
    @DisplayName("a submission streaming for longer than the header deadline is not cut")
    void slowBodyIsNotCut() throws Exception {
        try (RawHttp raw = new RawHttp(gateway.port())) {
            openSubmission(raw, otherProvider);
            for (int i = 0; i < 10; i++) {
                raw.chunk(penalty("SLOW-" + i, orgCode(100 + i), "2025-05-01").encode() + "\n");
                Thread.sleep(300);
            }
            raw.send("0\r\n\r\n");
            String answer = raw.readAll(10_000);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"accepted\":10");
        }
    }

    @Test
    @DisplayName("a provider streams at most max_concurrent_per_client submissions at once; others are unaffected")
    void concurrentSubmissions() throws Exception {
        List<RawHttp> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_SUBMISSIONS; i++) {
                RawHttp raw = new RawHttp(gateway.port());
                open.add(raw);
                openSubmission(raw, provider);
                raw.chunk(penalty("CONC-" + i, orgCode(200 + i), "2025-05-01").encode() + "\n");
            }
            Thread.sleep(200);
            Buffer one = Buffer.buffer(penalty("CONC-X", orgCode(299), "2025-05-01").encode() + "\n");
            HttpResponse<Buffer> refused = gateway.post("/v1/submissions/admin_penalty", provider,
                    "application/x-ndjson", one);
            assertProblem(refused, 429, "QUOTA_EXCEEDED");
            assertThat(refused.getHeader("Retry-After")).isNotBlank();
            assertThat(gateway.post("/v1/submissions/admin_penalty", otherProvider, "application/x-ndjson", one)
                    .statusCode()).as("another provider is not held back").isEqualTo(200);

            for (RawHttp raw : open) {
                raw.send("0\r\n\r\n");
                assertThat(raw.readStatus(10_000)).isEqualTo(200);
            }
            assertThat(gateway.post("/v1/submissions/admin_penalty", provider, "application/x-ndjson", one)
                    .statusCode()).as("slots come back when submissions are answered").isEqualTo(200);
            // a submission whose connection breaks gives its slot back too
            for (int i = 0; i < MAX_SUBMISSIONS; i++) {
                try (RawHttp raw = new RawHttp(gateway.port())) {
                    openSubmission(raw, provider);
                    raw.chunk(penalty("BROKEN-" + i, orgCode(300 + i), "2025-05-01").encode() + "\n");
                }
            }
            long deadline = System.currentTimeMillis() + 10_000;
            int status;
            do {
                Thread.sleep(100);
                status = gateway.post("/v1/submissions/admin_penalty", provider, "application/x-ndjson", one)
                        .statusCode();
            } while (status != 200 && System.currentTimeMillis() < deadline);
            assertThat(status).isEqualTo(200);
        } finally {
            for (RawHttp raw : open) {
                raw.close();
            }
        }
    }

    private static void openSubmission(RawHttp raw, String key) throws IOException {
        raw.send("POST /v1/submissions/admin_penalty HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n");
    }

    @Test
    @DisplayName("large records are written in batches bounded by batch_max_bytes, not only by batch_size")
    void largeRecordsMakeSmallBatches() {
        // 120 records of about 7 KB each: 840 KB, far fewer records than batch_size, thirteen times batch_max_bytes
        int records = 120;
        JsonObject[] large = new JsonObject[records];
        for (int i = 0; i < records; i++) {
            large[i] = penalty("LARGE-" + i, orgCode(90_000 + i), "2026-03-02");
            large[i].getJsonObject("data").put("facts", "事实".repeat(600) + i).put("content", "x".repeat(3000));
        }
        Buffer body = ndjson(large);
        assertThat(body.length()).isGreaterThan(12 * BATCH_MAX_BYTES);
        assertThat(records).isLessThan(batchSize);

        HttpResponse<Buffer> response = gateway.post("/v1/submissions/admin_penalty", provider,
                "application/x-ndjson", body);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getLong("accepted")).isEqualTo(records);

        // each batch is one transaction: its rows share their xmin
        Row batches = gateway.pool().preparedQuery("SELECT count(*) AS versions, "
                        + "count(DISTINCT xmin::text) AS batches FROM record_versions "
                        + "WHERE provider = $1 AND record_id LIKE 'LARGE-%'")
                .execute(Tuple.of("limits-amr")).await().iterator().next();
        assertThat(batches.getLong("versions")).isEqualTo(records);
        // at least one batch per batch_max_bytes of lines (a batch may overrun it by the rest of one body chunk)
        assertThat(batches.getLong("batches")).isGreaterThanOrEqualTo(6);
    }

    @Test
    @DisplayName("after all of the above the gateway still serves a normal request")
    void stillHealthy() {
        assertThat(gateway.request(HttpMethod.GET, "/health/ready", null).send().await().statusCode()).isEqualTo(200);
    }
}
