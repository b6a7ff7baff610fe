package org.creditgate.http;

import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run command as an operator uses it: a separate JVM on the embedded PostgreSQL, no database configured, a
 * fresh data directory. It must become ready, print the generated admin key once, stop on SIGTERM, and come back
 * ready on the same data directory with that key still valid.
 */
@DisplayName("The gateway process on the embedded PostgreSQL")
class RunCommandTest {

    private static final Pattern ADMIN_KEY = Pattern.compile("^\\s+(cg_[A-Za-z0-9_-]{40,})\\s*$", Pattern.MULTILINE);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @DisplayName("starts ready on a new data dir, prints the admin key once, restarts ready on the same data dir")
    void startStopRestart(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Path firstLog = dataDir.resolveSibling(dataDir.getFileName() + "-first.log");
        Process first = launch(dataDir, port, firstLog);
        String adminKey;
        try {
            awaitReady(port, first, firstLog);
            Matcher key = ADMIN_KEY.matcher(Files.readString(firstLog));
            assertThat(key.find()).as("the first start prints a generated admin key").isTrue();
            adminKey = key.group(1);
            assertThat(get(port, "/admin/clients", adminKey)).isEqualTo(200);
        } finally {
            stop(first);
        }
        assertThat(first.exitValue()).as("exit status after SIGTERM").isIn(0, 143);

        Path secondLog = dataDir.resolveSibling(dataDir.getFileName() + "-second.log");
        Process second = launch(dataDir, port, secondLog);
        try {
            awaitReady(port, second, secondLog);
            assertThat(get(port, "/admin/clients", adminKey)).as("the key survives the restart").isEqualTo(200);
            assertThat(ADMIN_KEY.matcher(Files.readString(secondLog)).find())
                    .as("no second key is printed").isFalse();
        } finally {
            stop(second);
        }
    }

    private static Process launch(Path dataDir, int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "org.creditgate.Main"))
                .directory(RunningGateway.projectRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("CREDITGATE_DB_URL");
        env.remove("CREDITGATE_ADMIN_KEY");
        env.remove("CREDITGATE_CONFIG");
        env.put("CREDITGATE_DATA_DIR", dataDir.toString());
        env.put("CREDITGATE_HTTP_PORT", Integer.toString(port));
        return builder.start();
    }

    private void awaitReady(int port, Process process, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the gateway exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (get(port, "/health/ready", null) == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within 120 s:\n" + Files.readString(log));
    }

    private int get(int port, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
