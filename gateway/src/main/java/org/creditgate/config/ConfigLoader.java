package org.creditgate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import org.creditgate.audit.CheckpointSigner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link GatewayConfig} from {@code config/gateway.yaml} (or {@code CREDITGATE_CONFIG}) and the
 * environment variables that override it, and validates every value before anything starts.
 */
public final class ConfigLoader {

    public static final String ENV_CONFIG = "CREDITGATE_CONFIG";
    public static final String ENV_HTTP_PORT = "CREDITGATE_HTTP_PORT";
    public static final String ENV_DB_URL = "CREDITGATE_DB_URL";
    public static final String ENV_ADMIN_KEY = "CREDITGATE_ADMIN_KEY";
    public static final String ENV_DATA_DIR = "CREDITGATE_DATA_DIR";

    /** An admin key must carry at least 128 random bits; 24 characters of base64 hold 144. */
    static final int MIN_ADMIN_KEY_LENGTH = 24;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    public static GatewayConfig load(Map<String, String> environment) {
        Path file = Path.of(environment.getOrDefault(ENV_CONFIG, "config/gateway.yaml"));
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(List.of("configuration file " + file + " not found (set " + ENV_CONFIG
                    + " to its path, or run from the creditgate directory)"));
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(file + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "")));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + " cannot be read: " + e.getMessage()));
        }
        if (tree != null && !tree.isMissingNode() && !tree.isObject()) {
            throw new ConfigException(List.of(file + " must hold a mapping of settings"));
        }
        return fromTree(tree, file.toAbsolutePath().getParent(), environment);
    }

    static GatewayConfig fromTree(JsonNode tree, Path configDirectory, Map<String, String> environment) {
        SettingsReader settings = new SettingsReader(tree);

        int port = settings.integer("http.port", 8080, 0, 65535);
        String portOverride = environment.get(ENV_HTTP_PORT);
        if (portOverride != null) {
            port = settings.integer("http.port (" + ENV_HTTP_PORT + ")", portOverride, 0, 65535, port);
        }
        GatewayConfig.Http http = new GatewayConfig.Http(
                settings.string("http.host", "0.0.0.0"),
                port,
                settings.integer("http.max_header_bytes", 8192, 1024, 1 << 20),
                settings.integer("http.max_body_bytes", 1 << 20, 1024, 64 << 20),
                settings.integer("http.idle_timeout_seconds", 60, 1, 3600),
                settings.integer("http.event_loops", 0, 0, 256),
                settings.integer("http.header_timeout_seconds", 10, 1, 600),
                settings.integer("http.max_json_depth", 32, 2, 1000),
                settings.integer("http.max_json_string_chars", 65_536, 64, 16 << 20),
                settings.integer("http.shutdown_grace_seconds", 20, 0, 600));

        String url = environment.getOrDefault(ENV_DB_URL, settings.string("database.url", ""));
        Optional<DatabaseUrl> databaseUrl = Optional.empty();
        try {
            databaseUrl = DatabaseUrl.parseOptional(url);
        } catch (IllegalArgumentException e) {
            String source = environment.containsKey(ENV_DB_URL) ? "database.url (" + ENV_DB_URL + ")" : "database.url";
            settings.problem(source, e.getMessage());
        }
        GatewayConfig.Database database = new GatewayConfig.Database(
                databaseUrl,
                settings.integer("database.pool_size", 16, 1, 1000),
                settings.integer("database.max_wait_queue", 512, 0, 100_000),
                settings.integer("database.connect_timeout_ms", 3000, 100, 600_000),
                settings.integer("database.acquire_timeout_ms", 3000, 100, 600_000),
                settings.integer("database.statement_timeout_ms", 30_000, 100, 3_600_000),
                settings.integer("database.writer_connections", 4, 1, 64));

        String dataDir = environment.getOrDefault(ENV_DATA_DIR, settings.string("data_dir", "./data"));
        if (dataDir.isBlank()) {
            settings.problem("data_dir", "must not be empty");
        }

        String adminKey = environment.getOrDefault(ENV_ADMIN_KEY, settings.string("admin.key", ""));
        if (!adminKey.isEmpty() && !isAcceptableKey(adminKey)) {
            String source = environment.containsKey(ENV_ADMIN_KEY) ? "admin.key (" + ENV_ADMIN_KEY + ")" : "admin.key";
            settings.problem(source, "must be at least " + MIN_ADMIN_KEY_LENGTH
                    + " printable characters without spaces (128 random bits or more)");
        }

        Path catalogDirectory = configDirectory.resolve(settings.string("catalog.directory", "catalog")).normalize();

        GatewayConfig.Quota quota = new GatewayConfig.Quota(
                settings.integer("quotas.requests_per_second", 100, 1, 1_000_000),
                settings.integer("quotas.subjects_per_day", 100_000, 1, Integer.MAX_VALUE),
                settings.integer("quotas.lease_block", 1000, 1, 1_000_000),
                settings.integer("quotas.lease_idle_ms", 1000, 100, 600_000));

        GatewayConfig.Submissions submissions = new GatewayConfig.Submissions(
                settings.integer("submissions.batch_size", 10_000, 1, 50_000),
                settings.integer("submissions.batch_max_bytes", 2 << 20, 64 << 10, 256 << 20),
                settings.integer("submissions.max_line_bytes", 1 << 20, 1024, 64 << 20),
                settings.integer("submissions.max_errors_listed", 1000, 0, 100_000),
                settings.integer("submissions.max_concurrent_per_client", 4, 1, 10_000));

        GatewayConfig.Disclosure disclosure = new GatewayConfig.Disclosure(
                settings.integer("lookups.max_subjects", 1000, 1, 100_000),
                settings.choice("disclosure.objection_policy", ObjectionPolicySetting.class,
                        ObjectionPolicySetting.FLAG) == ObjectionPolicySetting.WITHHOLD,
                settings.integer("cache.max_subjects", 500_000, 0, 100_000_000),
                settings.integer("cache.ttl_seconds", 600, 1, 86_400),
                settings.integer("query_log.max_batch", 500, 1, 10_000),
                settings.integer("lookups.max_in_flight", 4096, 1, 100_000));

        GatewayConfig.ProviderHealth providerHealth = new GatewayConfig.ProviderHealth(
                settings.integer("provider_health.yellow_after_hours", 72, 1, 24 * 365),
                settings.integer("provider_health.red_after_hours", 240, 1, 24 * 365),
                settings.decimal("provider_health.yellow_rejection", 0.05, 0, 1),
                settings.decimal("provider_health.red_rejection", 0.2, 0, 1));
        if (providerHealth.redAfterHours() < providerHealth.yellowAfterHours()) {
            settings.problem("provider_health.red_after_hours", "must not be below yellow_after_hours");
        }
        if (providerHealth.redRejection() < providerHealth.yellowRejection()) {
            settings.problem("provider_health.red_rejection", "must not be below yellow_rejection");
        }

        GatewayConfig.Tls tls = tls(settings, configDirectory, environment);

        GatewayConfig.Audit audit = new GatewayConfig.Audit(
                Duration.ofMinutes(settings.integer("audit.checkpoint_minutes", 10, 1, 1440)),
                // two years is the shortest any regulation allows for a log (Yunfu, authorized queries)
                settings.integer("audit.retention_months", 60, 24, 1200),
                Duration.ofHours(settings.integer("audit.maintenance_hours", 24, 1, 24 * 7)),
                trustedKeys(settings));

        List<String> problems = new ArrayList<>(settings.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new GatewayConfig(http, database, Path.of(dataDir), adminKey.isEmpty() ? Optional.empty()
                : Optional.of(adminKey), catalogDirectory, quota, submissions, disclosure, providerHealth, tls, audit);
    }

    /** audit.trusted_public_keys: base64 Ed25519 public keys (as the gateway prints its own), comma-separated */
    private static List<byte[]> trustedKeys(SettingsReader settings) {
        List<byte[]> keys = new ArrayList<>();
        for (String text : settings.string("audit.trusted_public_keys", "").split(",")) {
            if (text.isBlank()) {
                continue;
            }
            try {
                keys.add(CheckpointSigner.parsePublicKey(text.strip()));
            } catch (IllegalArgumentException e) {
                settings.problem("audit.trusted_public_keys", "holds '" + text.strip()
                        + "', which is not a base64 Ed25519 public key");
            }
        }
        return keys;
    }

    private static GatewayConfig.Tls tls(SettingsReader settings, Path configDirectory, Map<String, String> environment) {
        boolean enabled = settings.bool("tls.enabled", false);
        int port = settings.integer("tls.port", 8443, 0, 65535);
        Optional<Path> keystore = optionalFile(settings, "tls.keystore", configDirectory);
        String keystorePassword = environment.getOrDefault("CREDITGATE_TLS_KEYSTORE_PASSWORD",
                settings.string("tls.keystore_password", ""));
        Optional<Path> truststore = optionalFile(settings, "tls.client_truststore", configDirectory);
        String truststorePassword = environment.getOrDefault("CREDITGATE_TLS_TRUSTSTORE_PASSWORD",
                settings.string("tls.client_truststore_password", ""));
        if (enabled && keystore.isEmpty()) {
            settings.problem("tls.keystore", "is required when tls.enabled is true");
        }
        return new GatewayConfig.Tls(enabled, port, keystore, keystorePassword, truststore, truststorePassword);
    }

    private static Optional<Path> optionalFile(SettingsReader settings, String name, Path configDirectory) {
        String text = settings.string(name, "");
        if (text.isBlank()) {
            return Optional.empty();
        }
        Path file = configDirectory.resolve(text).normalize();
        if (!Files.isRegularFile(file)) {
            settings.problem(name, "names " + file + ", which is not a readable file");
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** disclosure.objection_policy: flag an objected record, or withhold it while the objection is open */
    private enum ObjectionPolicySetting { FLAG, WITHHOLD }

    private static boolean isAcceptableKey(String key) {
        if (key.length() < MIN_ADMIN_KEY_LENGTH || key.length() > 512) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c >= 127) {
                return false;
            }
        }
        return true;
    }
}
