package org.creditgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.ndjson;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

/** The deployment files under deploy/ agree with what the gateway really exports and ships. */
@DisplayName("Deployment files agree with the gateway")
class DeploymentFilesTest {

    private static final Path DEPLOY = RunningGateway.projectRoot().resolve("deploy");
    private static final Pattern METRIC = Pattern.compile("\\b(?:creditgate|vertx|jvm)_[a-z0-9_]+");

    private static Set<String> metricNamesIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(Files.readString(file));
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    @Test
    @DisplayName("every metric the alerts and the Grafana dashboard use is exported by a gateway at work")
    void metricNamesExist() throws IOException {
        Set<String> used = new TreeSet<>();
        used.addAll(metricNamesIn(DEPLOY.resolve("prometheus/alerts.yml")));
        used.addAll(metricNamesIn(DEPLOY.resolve("grafana/dashboards/creditgate.json")));
        assertThat(used).contains("creditgate_provider_light", "creditgate_quota_rejections_total",
                "vertx_pool_ratio", "jvm_memory_used_bytes");

        String exported;
        try (RunningGateway gateway = RunningGateway.start()) {
            String provider = gateway.createClient(new JsonObject().put("id", "d-provider").put("name", "提供方")
                    .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
            String agency = gateway.createClient(new JsonObject().put("id", "d-agency").put("name", "机构")
                    .put("role", "agency").put("quota", new JsonObject().put("subjects_per_day", 1)));
            Buffer records = ndjson(penalty("D-1", orgCode(1), "2026-01-01")).appendString("{broken\n");
            gateway.post("/v1/submissions/admin_penalty", provider, "application/x-ndjson", records);
            JsonObject lookup = new JsonObject().put("subjects", new JsonArray().add(orgCode(1))).put("reason", "x");
            assertThat(gateway.post("/v1/lookups", agency, lookup).statusCode()).isEqualTo(200);
            assertThat(gateway.post("/v1/lookups", agency, lookup).statusCode()).isEqualTo(429);
            gateway.get("/admin/stats/providers", gateway.adminKey());
            // GC pause timers appear with the first collection after the registry was created
            System.gc();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            do {
                exported = gateway.get("/metrics", null).bodyAsString();
            } while (!exported.contains("jvm_gc_pause_seconds_count") && System.nanoTime() < deadline);
        }
        Set<String> series = new TreeSet<>();
        exported.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> series.add(line.split("[{ ]", 2)[0]));
        assertThat(series).containsAll(used);
    }

    @Test
    @DisplayName("the Kubernetes ConfigMaps hold config/gateway.yaml and the catalog verbatim")
    void configMapsMatchConfig() throws IOException {
        Map<String, JsonNode> maps = new HashMap<>();
        YAMLMapper yaml = new YAMLMapper();
        try (var documents = yaml.readerFor(JsonNode.class).<JsonNode>readValues(
                DEPLOY.resolve("k8s/configmap.yaml").toFile())) {
            documents.forEachRemaining(doc -> maps.put(doc.path("metadata").path("name").asText(), doc.path("data")));
        }
        Path config = RunningGateway.projectRoot().resolve("config");
        assertThat(maps.get("creditgate-config").path("gateway.yaml").asText())
                .as("run deploy/k8s/generate-configmap").isEqualTo(Files.readString(config.resolve("gateway.yaml")));
        JsonNode catalog = maps.get("creditgate-catalog");
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(config.resolve("catalog"))) {
            list.forEach(path -> files.add(path.getFileName().toString()));
        }
        Set<String> keys = new TreeSet<>();
        catalog.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("run deploy/k8s/generate-configmap").isEqualTo(files);
        for (String file : files) {
            assertThat(catalog.path(file).asText()).as(file).isEqualTo(Files.readString(config.resolve("catalog")
                    .resolve(file)));
        }
    }

    @Test
    @DisplayName("the Grafana dashboard is valid JSON with a query in every panel but the rows")
    void dashboardPanels() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/creditgate.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("creditgate");
        dashboard.path("panels").forEach(panel -> {
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            }
        });
    }
}
