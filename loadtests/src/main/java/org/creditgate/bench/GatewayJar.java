package org.creditgate.bench;

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

/**
 * {@code java -jar gateway/target/creditgate.jar} for the fault drivers: started, killed with SIGKILL (kill -9) or
 * stopped with SIGTERM, and started again on the same data directory or database. The log of each start is kept
 * apart ({@code gateway-<n>.log}).
 */
final class GatewayJar {

    private final Path projectRoot;
    private final Path workDir;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    final int port;
    final String adminKey;
    private Process process;
    private Path log;
    private int starts;

    /**
     * @param databaseUrl {@code postgresql://...} of an external PostgreSQL, or null for the gateway's embedded one
     *                    under {@code workDir/data}
     */
    GatewayJar(Path projectRoot, Path workDir, String databaseUrl) throws IOException {
        this.projectRoot = projectRoot;
        this.workDir = workDir;
        this.port = freePort();
        this.adminKey = "fault-admin-" + Long.toHexString(System.nanoTime()) + "-" + "k".repeat(16);
        this.environment = new java.util.HashMap<>(Map.of(
                "CREDITGATE_DATA_DIR", workDir.resolve("data").toString(),
                "CREDITGATE_HTTP_PORT", Integer.toString(port),
                "CREDITGATE_ADMIN_KEY", adminKey,
                "CREDITGATE_ACCESS_LOG_LEVEL", "WARN"));
        if (databaseUrl != null) {
            environment.put("CREDITGATE_DB_URL", databaseUrl);
        }
    }

    /** Starts the gateway and returns the seconds until it was ready. */
    double start() throws IOException, InterruptedException {
        Path jar = projectRoot.resolve("gateway/target/creditgate.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw -B -q -DskipTests package");
        }
        starts++;
        log = workDir.resolve("gateway-" + starts + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar.toString()))
                .directory(projectRoot.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("CREDITGATE_CONFIG");
        builder.environment().remove("CREDITGATE_DB_URL");
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        process = builder.start();
        Process started0 = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started0::destroy, "stop-gateway-" + starts));
        long deadline = started + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (readyStatus() == 200) {
                return (System.nanoTime() - started) / 1e9;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway was not ready within 120 s:\n" + logTail());
    }

    /** The status of /health/ready, or -1 when nothing answers. */
    int readyStatus() {
        return status("/health/ready");
    }

    int liveStatus() {
        return status("/health/live");
    }

    private int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** kill -9: no shutdown hook runs, an embedded PostgreSQL is left running without its gateway. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an operator stops it; forcibly after a minute. Returns the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    boolean logContains(String text) throws IOException {
        return Files.readString(log).contains(text);
    }

    /** Registers a client and returns its API key. */
    String register(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/admin/clients"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registering a client answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().replaceAll(".*\"api_key\":\"([^\"]+)\".*", "$1");
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
