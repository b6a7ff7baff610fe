package org.creditgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Any configuration file, and any value of the environment variables, gives either a configuration within the
 * documented ranges or a {@link ConfigException} whose message names the problems: never another exception, never
 * an out-of-range value let through. Runs its seed corpus (ConfigFuzzTestInputs/) in every build; JAZZER_FUZZ=1
 * fuzzes.
 *
 * <p>The input's last bytes give the environment overrides (port, database URL); the rest is the YAML file.
 */
class ConfigFuzzTest {

    private static final Path FILE = temporaryFile();

    @FuzzTest
    void configurationLoadsOrExplains(FuzzedDataProvider data) throws IOException {
        String port = data.consumeBoolean() ? data.consumeString(12) : null;
        String url = data.consumeBoolean() ? data.consumeString(60) : null;
        Files.write(FILE, data.consumeRemainingAsBytes());
        Map<String, String> env = new java.util.HashMap<>(Map.of(ConfigLoader.ENV_CONFIG, FILE.toString()));
        if (port != null) {
            env.put(ConfigLoader.ENV_HTTP_PORT, port);
        }
        if (url != null) {
            env.put(ConfigLoader.ENV_DB_URL, url);
        }
        GatewayConfig config;
        try {
            config = ConfigLoader.load(env);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        GatewayConfig.Http http = config.http();
        assertThat(http.port()).isBetween(0, 65535);
        assertThat(http.maxHeaderBytes()).isBetween(1024, 1 << 20);
        assertThat(http.maxJsonDepth()).isBetween(2, 1000);
        assertThat(http.maxJsonStringChars()).isBetween(64, 16 << 20);
        assertThat(http.headerTimeoutSeconds()).isBetween(1, 600);
        assertThat(config.database().poolSize()).isBetween(1, 1000);
        assertThat(config.database().statementTimeoutMs()).isBetween(100, 3_600_000);
        assertThat(config.submissions().maxLineBytes()).isBetween(1024, 64 << 20);
        assertThat(config.submissions().maxConcurrentPerClient()).isBetween(1, 10_000);
        assertThat(config.disclosure().maxSubjects()).isBetween(1, 100_000);
        assertThat(config.providerHealth().redAfterHours()).isGreaterThanOrEqualTo(
                config.providerHealth().yellowAfterHours());
    }

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("creditgate-config-fuzz", ".yaml");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
