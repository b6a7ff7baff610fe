package org.creditgate.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;

@DisplayName("Catalog, operations endpoints, request ids and errors over HTTP")
class OperationsTest {

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
    @DisplayName("GET /v1/catalog needs no key and publishes the seven shipped categories as the contract shows")
    void catalog() {
        HttpResponse<Buffer> response = gateway.get("/v1/catalog", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray categories = response.bodyAsJsonObject().getJsonArray("categories");
        assertThat(categories.stream().map(c -> ((JsonObject) c).getString("id")).toList())
                .containsExactlyInAnyOrder("admin_penalty", "admin_license", "court_defaulter", "tax_arrears",
                        "utility_arrears", "honor", "person_basic");
        JsonObject penalty = categories.stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("id").equals("admin_penalty")).findFirst().orElseThrow();
        assertThat(penalty.getString("name")).isEqualTo("行政处罚");
        assertThat(penalty.getJsonArray("subject_types").getList()).containsExactlyInAnyOrder("org", "person");
        assertThat(penalty.getString("disclosure_period")).isEqualTo("P3Y");
        assertThat(penalty.getString("period_starts_from")).isEqualTo("decision_date");
        JsonObject decisionNo = penalty.getJsonArray("fields").stream().map(JsonObject.class::cast)
                .filter(f -> f.getString("name").equals("decision_no")).findFirst().orElseThrow();
        assertThat(decisionNo.getString("label")).isEqualTo("处罚决定书文号");
        assertThat(decisionNo.getString("type")).isEqualTo("string");
        assertThat(decisionNo.getBoolean("required")).isTrue();
        assertThat(decisionNo.getString("disclosure")).isEqualTo("public");

        JsonObject utility = categories.stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("id").equals("utility_arrears")).findFirst().orElseThrow();
        assertThat(utility.getJsonArray("fields").stream().map(JsonObject.class::cast)
                .allMatch(f -> f.getString("disclosure").equals("authorized"))).isTrue();
    }

    @Test
    @DisplayName("liveness and readiness answer 200 while the database answers")
    void health() {
        assertThat(gateway.get("/health/live", null).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> ready = gateway.get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    }

    @Test
    @DisplayName("a sane X-Request-Id is echoed, an unsafe one replaced, a missing one generated")
    void requestIds() {
        HttpResponse<Buffer> echoed = gateway.request(HttpMethod.GET, "/health/live", null)
                .putHeader(RequestIds.HEADER, "trace-42.a_b").send().await();
        assertThat(echoed.getHeader(RequestIds.HEADER)).isEqualTo("trace-42.a_b");
        HttpResponse<Buffer> replaced = gateway.request(HttpMethod.GET, "/health/live", null)
                .putHeader(RequestIds.HEADER, "<script>").send().await();
        assertThat(replaced.getHeader(RequestIds.HEADER)).isNotBlank().isNotEqualTo("<script>");
        String first = gateway.get("/v1/catalog", null).getHeader(RequestIds.HEADER);
        String second = gateway.get("/v1/catalog", null).getHeader(RequestIds.HEADER);
        assertThat(first).isNotBlank().isNotEqualTo(second);
    }

    @Test
    @DisplayName("unknown addresses and wrong methods are problem+json, never a bare error page")
    void unknownAddresses() {
        assertProblem(gateway.get("/nothing/here", null), 404, "NOT_FOUND");
        assertProblem(gateway.request(HttpMethod.DELETE, "/health/live", null).send().await(), 405, "METHOD_NOT_ALLOWED");
        HttpResponse<Buffer> tooBig = gateway.post("/admin/clients", gateway.adminKey(), "application/json",
                Buffer.buffer("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"));
        assertProblem(tooBig, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    @DisplayName("oversized request headers are refused with 431")
    void oversizedHeaders() {
        HttpResponse<Buffer> response = gateway.request(HttpMethod.GET, "/health/live", null)
                .putHeader("Connection", "close")
                .putHeader("X-Padding", "p".repeat(16 * 1024)).send().await();
        assertThat(response.statusCode()).isEqualTo(431);
    }

    @Test
    @DisplayName("GET /openapi.yaml serves the OpenAPI 3.1 description")
    void openApi() {
        HttpResponse<Buffer> response = gateway.get("/openapi.yaml", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsString()).contains("openapi: 3.1").contains("/v1/lookups").contains("/admin/clients");
    }

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\",?)*})? "
                    + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");

    @Test
    @DisplayName("/metrics is valid Prometheus text: HELP/TYPE before samples, well-formed sample lines")
    void metrics() {
        gateway.get("/v1/catalog", null);
        HttpResponse<Buffer> response = gateway.get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
        String text = response.bodyAsString();
        Set<String> typed = new HashSet<>();
        List<String> lines = text.lines().toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertThat(parts).as(line).hasSize(4);
                assertThat(METRIC_NAME.matcher(parts[2]).matches()).as(line).isTrue();
                assertThat(parts[3]).as(line).isIn("counter", "gauge", "histogram", "summary", "untyped");
                assertThat(typed.add(parts[2])).as("TYPE declared twice: " + line).isTrue();
            } else if (line.startsWith("# HELP ")) {
                assertThat(METRIC_NAME.matcher(line.split(" ")[2]).matches()).as(line).isTrue();
            } else {
                var sample = SAMPLE.matcher(line);
                assertThat(sample.matches()).as("malformed sample: " + line).isTrue();
                String name = sample.group(1);
                assertThat(typed.stream().anyMatch(name::startsWith)).as("sample before its TYPE: " + line).isTrue();
            }
        }
        assertThat(text).contains("jvm_memory_used_bytes").contains("vertx_http_server_requests_total")
                .contains("route=\"/v1/catalog\"").contains("vertx_pool_")
                .contains("hikaricp_connections_max{application=\"creditgate\",pool=\"creditgate-writers\"} 4.0");
    }
}
