package org.creditgate.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Configuration: defaults, environment overrides and validation messages")
class ConfigLoaderTest {

    @TempDir
    Path dir;

    private GatewayConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        Map<String, String> all = new HashMap<>(env);
        all.put(ConfigLoader.ENV_CONFIG, file.toString());
        return ConfigLoader.load(all);
    }

    private String problemOf(String yaml, Map<String, String> env) {
        return assertThatThrownBy(() -> load(yaml, env)).isInstanceOf(ConfigException.class)
                .actual().getMessage();
    }

    @Test
    @DisplayName("the shipped config/gateway.yaml loads with the documented defaults")
    void shippedDefaults() {
        Path root = Path.of(System.getProperty("creditgate.root", "."));
        GatewayConfig config = ConfigLoader.load(Map.of(ConfigLoader.ENV_CONFIG,
                root.resolve("config/gateway.yaml").toString()));
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.database().url()).isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.adminKey()).isEmpty();
        assertThat(config.catalogDirectory()).isEqualTo(root.resolve("config/catalog").toAbsolutePath().normalize());
        assertThat(config.defaultQuota().requestsPerSecond()).isEqualTo(100);
    }

    @Test
    @DisplayName("an empty file gives every default")
    void emptyFile() throws IOException {
        GatewayConfig config = load("", Map.of());
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.database().poolSize()).isEqualTo(16);
        assertThat(config.catalogDirectory()).isEqualTo(dir.resolve("catalog").toAbsolutePath().normalize());
    }

    @Test
    @DisplayName("environment variables override the file")
    void environmentOverrides() throws IOException {
        GatewayConfig config = load("http:\n  port: 9000\n", Map.of(
                "CREDITGATE_HTTP_PORT", "9191",
                "CREDITGATE_DB_URL", "postgresql://gate:s%40cret@db.internal:6432/credit",
                "CREDITGATE_ADMIN_KEY", "k".repeat(30),
                "CREDITGATE_DATA_DIR", "/var/lib/creditgate"));
        assertThat(config.http().port()).isEqualTo(9191);
        DatabaseUrl url = config.database().url().orElseThrow();
        assertThat(url.host()).isEqualTo("db.internal");
        assertThat(url.port()).isEqualTo(6432);
        assertThat(url.database()).isEqualTo("credit");
        assertThat(url.user()).isEqualTo("gate");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.toString()).doesNotContain("s@cret");
        assertThat(config.adminKey()).contains("k".repeat(30));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/creditgate"));
    }

    @Test
    @DisplayName("a port that is not a number names the variable and the value")
    void badPortFromEnvironment() {
        assertThat(problemOf("", Map.of("CREDITGATE_HTTP_PORT", "eighty")))
                .contains("'http.port (CREDITGATE_HTTP_PORT)' must be a whole number between 0 and 65535, got 'eighty'");
    }

    @Test
    @DisplayName("out-of-range and wrongly typed values name the setting")
    void badValues() {
        String message = problemOf("http:\n  port: 70000\ndatabase:\n  pool_size: lots\n", Map.of());
        assertThat(message).contains("'http.port' must be between 0 and 65535, got 70000");
        assertThat(message).contains("'database.pool_size' must be a whole number between 1 and 1000");
    }

    @Test
    @DisplayName("log chain checkpoints are signed every 10 minutes by default; 0 or more than a day is refused")
    void checkpointInterval() throws IOException {
        assertThat(load("", Map.of()).audit().checkpointInterval()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(load("audit:\n  checkpoint_minutes: 1\n", Map.of()).audit().checkpointInterval())
                .isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(problemOf("audit:\n  checkpoint_minutes: 0\n", Map.of()))
                .contains("'audit.checkpoint_minutes' must be between 1 and 1440, got 0");
        assertThat(problemOf("audit:\n  checkpoint_minutes: 1441\n", Map.of())).contains("audit.checkpoint_minutes");
    }

    @Test
    @DisplayName("logs are kept 60 months by default and never fewer than 24; trusted keys must be Ed25519 keys")
    void retentionAndTrustedKeys() throws IOException {
        GatewayConfig.Audit defaults = load("", Map.of()).audit();
        assertThat(defaults.retentionMonths()).isEqualTo(60);
        assertThat(defaults.maintenanceInterval()).isEqualTo(java.time.Duration.ofHours(24));
        assertThat(defaults.trustedPublicKeys()).isEmpty();
        assertThat(problemOf("audit:\n  retention_months: 23\n", Map.of()))
                .contains("'audit.retention_months' must be between 24 and 1200, got 23");
        String key = org.creditgate.audit.CheckpointSigner.loadOrCreate(
                java.nio.file.Files.createTempDirectory("keys")).publicKeyBase64();
        assertThat(load("audit:\n  trusted_public_keys: \"" + key + ", " + key + "\"\n", Map.of()).audit()
                .trustedPublicKeys()).hasSize(2);
        assertThat(problemOf("audit:\n  trusted_public_keys: \"bm90IGEga2V5\"\n", Map.of()))
                .contains("audit.trusted_public_keys");
    }

    @Test
    @DisplayName("a database URL in the wrong form is refused with the expected form")
    void badDatabaseUrl() {
        assertThat(problemOf("", Map.of("CREDITGATE_DB_URL", "mysql://db/x")))
                .contains("'database.url (CREDITGATE_DB_URL)' must start with postgresql://");
        assertThat(problemOf("database:\n  url: postgresql://db.internal\n", Map.of()))
                .contains("'database.url' must name a database");
    }

    @Test
    @DisplayName("an admin key too short to hold 128 random bits is refused")
    void shortAdminKey() {
        assertThat(problemOf("", Map.of("CREDITGATE_ADMIN_KEY", "secret")))
                .contains("'admin.key (CREDITGATE_ADMIN_KEY)' must be at least 24 printable characters");
    }

    @Test
    @DisplayName("a misspelt setting is reported instead of silently ignored")
    void unknownSetting() {
        assertThat(problemOf("http:\n  prot: 8080\ndatabse:\n  url: x\n", Map.of()))
                .contains("'http.prot' is not a known setting")
                .contains("'databse' is not a known setting");
    }

    @Test
    @DisplayName("TLS needs a key store that exists; thresholds must be in order")
    void tlsAndThresholds() {
        assertThat(problemOf("tls:\n  enabled: true\n", Map.of()))
                .contains("'tls.keystore' is required when tls.enabled is true");
        assertThat(problemOf("tls:\n  enabled: yes please\n  keystore: missing.p12\n", Map.of()))
                .contains("'tls.enabled' must be true or false")
                .contains("'tls.keystore' names").contains("missing.p12, which is not a readable file");
        assertThat(problemOf("provider_health:\n  yellow_after_hours: 100\n  red_after_hours: 50\n", Map.of()))
                .contains("'provider_health.red_after_hours' must not be below yellow_after_hours");
    }

    @Test
    @DisplayName("every problem is reported at once")
    void allProblemsTogether() {
        ConfigException e = (ConfigException) assertThatThrownBy(() -> load(
                "http:\n  port: -1\n  max_header_bytes: 1\nquotas:\n  requests_per_second: 0\n", Map.of()))
                .actual();
        assertThat(e.problems()).hasSize(3);
    }

    @Test
    @DisplayName("a missing file and invalid YAML are explained")
    void missingAndInvalidFiles() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(ConfigLoader.ENV_CONFIG, dir.resolve("nope.yaml").toString())))
                .hasMessageContaining("nope.yaml not found").hasMessageContaining("CREDITGATE_CONFIG");
        assertThat(problemOf("http: [unclosed\n", Map.of())).contains("is not valid YAML");
        assertThat(problemOf("- just\n- a list\n", Map.of())).contains("must hold a mapping of settings");
    }

    @Test
    @DisplayName("the reliability limits have safe defaults and out-of-range values are named")
    void reliabilityLimits() throws IOException {
        GatewayConfig config = load("", Map.of());
        assertThat(config.http().headerTimeoutSeconds()).isEqualTo(10);
        assertThat(config.http().maxJsonDepth()).isEqualTo(32);
        assertThat(config.http().maxJsonStringChars()).isEqualTo(65_536);
        assertThat(config.http().shutdownGraceSeconds()).isEqualTo(20);
        assertThat(config.database().statementTimeoutMs()).isEqualTo(30_000);
        assertThat(config.submissions().maxConcurrentPerClient()).isEqualTo(4);
        assertThat(config.submissions().batchMaxBytes()).isEqualTo(2 << 20);
        assertThat(config.disclosure().maxInFlight()).isEqualTo(4096);

        String message = problemOf("""
                http:
                  header_timeout_seconds: 0
                  max_json_depth: 1
                  max_json_string_chars: many
                  shutdown_grace_seconds: -1
                database:
                  statement_timeout_ms: 10
                submissions:
                  max_concurrent_per_client: 0
                  batch_max_bytes: 1000
                lookups:
                  max_in_flight: 0
                """, Map.of());
        assertThat(message).contains("http.header_timeout_seconds", "http.max_json_depth",
                "http.max_json_string_chars", "http.shutdown_grace_seconds", "database.statement_timeout_ms",
                "submissions.max_concurrent_per_client", "submissions.batch_max_bytes", "lookups.max_in_flight");
    }
}
