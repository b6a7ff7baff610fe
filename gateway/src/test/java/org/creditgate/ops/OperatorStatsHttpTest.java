package org.creditgate.ops;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.creditgate.testing.ProblemAssertions.assertProblem;
import static org.creditgate.testing.Records.ndjson;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

@DisplayName("Operator figures: overview, provider light gauge, quota rejections, latency buckets, the page")
class OperatorStatsHttpTest {

    private static RunningGateway gateway;
    private static String agency;
    private static String quotaAgency;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start();
        String provider = gateway.createClient(new JsonObject().put("id", "op-provider").put("name", "提供方")
                .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
        gateway.createClient(new JsonObject().put("id", "op-silent").put("name", "沉默的提供方")
                .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
        agency = gateway.createClient(new JsonObject().put("id", "op-agency").put("name", "机构").put("role", "agency")
);
        quotaAgency = gateway.createClient(new JsonObject().put("id", "op-quota").put("name", "机构")
                .put("role", "agency").put("quota", new JsonObject().put("subjects_per_day", 5)));
        assertThat(gateway.post("/v1/submissions/admin_penalty", provider, "application/x-ndjson",
                ndjson(penalty("OP-1", orgCode(1), "2026-01-01"))).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static JsonObject lookupOf(int first, int count) {
        JsonArray subjects = new JsonArray();
        for (int i = 0; i < count; i++) {
            subjects.add(orgCode(first + i));
        }
        return new JsonObject().put("subjects", subjects).put("reason", "运营测试");
    }

    private static String metrics() {
        HttpResponse<Buffer> response = gateway.get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.bodyAsString();
    }

    private static double sample(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(matcher.find()).as("series %s in /metrics", series).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    @DisplayName("the overview counts this instance's lookups, subjects and cache hits of the last minute")
    void overview() {
        JsonObject before = gateway.get("/admin/stats/overview", gateway.adminKey()).bodyAsJsonObject();
        // ten subjects from the database, then the same ten from the cache
        assertThat(gateway.post("/v1/lookups", agency, lookupOf(100, 10)).statusCode()).isEqualTo(200);
        assertThat(gateway.post("/v1/lookups", agency, lookupOf(100, 10)).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> response = gateway.get("/admin/stats/overview", gateway.adminKey());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        JsonObject after = response.bodyAsJsonObject();
        assertThat(after.getString("scope")).isEqualTo("instance");
        assertThat(after.getLong("lookups") - before.getLong("lookups")).isEqualTo(2);
        assertThat(after.getLong("subjects") - before.getLong("subjects")).isEqualTo(20);
        assertThat(after.getLong("cache_hits") - before.getLong("cache_hits")).isEqualTo(10);
        assertThat(after.getLong("cache_misses") - before.getLong("cache_misses")).isEqualTo(10);
        assertThat(after.getDouble("window_seconds")).isGreaterThan(0).isLessThanOrEqualTo(
                LookupRates.WINDOW.plus(LookupRates.SAMPLE_EVERY).toSeconds() + 1.0);
        // window_seconds is rounded to a tenth: the rate agrees within that rounding
        assertThat(after.getDouble("lookups_per_second")).isCloseTo(
                after.getLong("lookups") / after.getDouble("window_seconds"), withinPercentage(10));
        assertThat(after.getDouble("cache_hit_ratio")).isEqualTo(
                (double) after.getLong("cache_hits") / (after.getLong("cache_hits") + after.getLong("cache_misses")),
                org.assertj.core.data.Offset.offset(0.0001));
    }

    @Test
    @DisplayName("the overview is an admin route like the others")
    void overviewNeedsAdmin() {
        assertProblem(gateway.get("/admin/stats/overview", null), 401, "UNAUTHENTICATED");
        assertProblem(gateway.get("/admin/stats/overview", agency), 403, "FORBIDDEN");
    }

    @Test
    @DisplayName("each provider's light is exported as a gauge (0 green, 2 red) once a report was made")
    void providerLightGauge() {
        assertThat(gateway.get("/admin/stats/providers", gateway.adminKey()).statusCode()).isEqualTo(200);
        String metrics = metrics();
        assertThat(sample(metrics, "creditgate_provider_light{application=\"creditgate\",provider=\"op-provider\"}"))
                .isEqualTo(0.0);
        assertThat(sample(metrics, "creditgate_provider_light{application=\"creditgate\",provider=\"op-silent\"}"))
                .isEqualTo(2.0);
    }

    @Test
    @DisplayName("a daily quota refusal is counted by limit and role")
    void quotaRejections() {
        assertThat(gateway.post("/v1/lookups", quotaAgency, lookupOf(500, 5)).statusCode()).isEqualTo(200);
        String series = "creditgate_quota_rejections_total{application=\"creditgate\",limit=\"subjects_per_day\","
                + "role=\"agency\"}";
        double before = metrics().contains(series) ? sample(metrics(), series) : 0;
        assertProblem(gateway.post("/v1/lookups", quotaAgency, lookupOf(600, 1)), 429, "QUOTA_EXCEEDED");
        assertThat(sample(metrics(), series)).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("request, query log and batch write latencies export histogram buckets for fleet-wide percentiles")
    void latencyBuckets() {
        assertThat(gateway.post("/v1/lookups", agency, lookupOf(300, 1)).statusCode()).isEqualTo(200);
        String metrics = metrics();
        assertThat(metrics).containsPattern(
                "vertx_http_server_response_time_seconds_bucket\\{[^}]*route=\"/v1/>/v1/lookups\"[^}]*le=\"0\\.25\"}");
        assertThat(metrics).containsPattern("creditgate_querylog_write_seconds_bucket\\{[^}]*le=\"0\\.005\"}");
        assertThat(metrics).containsPattern("creditgate_collection_batch_write_seconds_bucket\\{[^}]*le=\"\\+Inf\"}");
    }

    @Test
    @DisplayName("the operator page is served from the jar under a strict content security policy")
    void dashboardPage() {
        HttpResponse<Buffer> page = gateway.get("/dashboard/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.bodyAsString()).contains("<script src=\"dashboard.js\" defer></script>", "管理密钥", "Admin key")
                .doesNotContainPattern("<script>|\\son[a-z]+=|\\sstyle=");
        HttpResponse<Buffer> script = gateway.get("/dashboard/dashboard.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.getHeader("Content-Type")).startsWith("text/javascript");
        assertThat(script.bodyAsString()).contains("sessionStorage").doesNotContain("localStorage");
        assertThat(gateway.get("/dashboard/dashboard.css", null).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> bare = gateway.request(io.vertx.core.http.HttpMethod.GET, "/dashboard", null)
                .followRedirects(false).send().await();
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.getHeader("Location")).isEqualTo("/dashboard/");
        assertProblem(gateway.get("/dashboard/missing.js", null), 404, "NOT_FOUND");
    }
}
