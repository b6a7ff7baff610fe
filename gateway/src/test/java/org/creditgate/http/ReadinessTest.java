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

import java.nio.file.Path;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;

@DisplayName("Readiness follows the database")
class ReadinessTest {

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
