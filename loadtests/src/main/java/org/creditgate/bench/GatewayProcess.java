package org.creditgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditgate.config.DatabaseUrl;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as an operator runs it: {@code java -jar gateway/target/creditgate.jar} in its own JVM, on a given
 * database, reached over HTTP only. Its output goes to a log file, shown when it fails to start.
 */
final class GatewayProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final String baseUri;
    private final String adminKey;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private GatewayProcess(Process process, Path log, int port, String adminKey) {
        this.process = process;
        this.log = log;
        this.baseUri = "http://127.0.0.1:" + port;
        this.adminKey = adminKey;
        this.port = port;
    }

    /** Starts the gateway on {@code database} with the given maximum heap and waits until it is ready. */
    static GatewayProcess start(Path projectRoot, DatabaseUrl database, String maxHeap, Path workDir)
            throws IOException, InterruptedException {
        return start(projectRoot, database, maxHeap, List.of(), workDir);
    }

    /** As {@link #start(Path, DatabaseUrl, String, Path)}, with more JVM options (diagnostics only). */
    static GatewayProcess start(Path projectRoot, DatabaseUrl database, String maxHeap, List<String> jvmOptions,
                                Path workDir) throws IOException, InterruptedException {
        Path jar = projectRoot.resolve("gateway/target/creditgate.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw -B -q -DskipTests package");
        }
        int port = freePort();
        String adminKey = newAdminKey();
        Path log = workDir.resolve("gateway.log");
        List<String> command = new ArrayList<>(List.of(javaBinary("java"), "-Xmx" + maxHeap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(projectRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("CREDITGATE_CONFIG", benchConfig(projectRoot, workDir).toString());
        env.put("CREDITGATE_DB_URL", "postgresql://" + database.user() + "@" + database.host() + ":"
                + database.port() + "/" + database.database());
        env.put("CREDITGATE_HTTP_PORT", Integer.toString(port));
        env.put("CREDITGATE_ADMIN_KEY", adminKey);
        env.put("CREDITGATE_ACCESS_LOG_LEVEL", "WARN");
        env.put("CREDITGATE_DATA_DIR", workDir.resolve("gateway-data").toString());
        Process process = builder.start();
        // an interrupted run must not leave a gateway behind
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-gateway"));
        GatewayProcess gateway = new GatewayProcess(process, log, port, adminKey);
        try {
            gateway.awaitReady(Duration.ofSeconds(120));
        } catch (IOException | RuntimeException | InterruptedException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /**
     * The shipped configuration with one change: the default requests per second, which the operator's key is held
     * to, is raised so that setting up the data set (thousands of authorizations through the operator) is not
     * throttled. The lookup clients have quotas of their own far above what is asked.
     */
    private static Path benchConfig(Path projectRoot, Path workDir) throws IOException {
        Path shipped = projectRoot.resolve("config/gateway.yaml");
        String yaml = Files.readString(shipped);
        String limited = "  requests_per_second: 100 ";
        String catalog = "  directory: catalog ";
        if (!yaml.contains(limited) || !yaml.contains(catalog)) {
            throw new IllegalStateException(shipped + " no longer holds '" + limited.trim() + "' and '"
                    + catalog.trim() + "': adapt the benchmark's configuration");
        }
        yaml = yaml.replace(limited, "  requests_per_second: 1000000 ")
                .replace(catalog, "  directory: " + projectRoot.resolve("config/catalog").toAbsolutePath() + " ");
        Path config = workDir.resolve("gateway.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUri + "/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build();
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the port opens once the gateway has migrated and started its verticles
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the gateway was not ready within " + timeout.toSeconds() + " s:\n" + logTail());
    }

    /** Registers a provider of admin_penalty and returns its API key. */
    String registerProvider(String id) throws IOException, InterruptedException {
        return registerProvider(id, RecordGenerator.CATEGORY);
    }

    /** Registers a provider of {@code category} and returns its API key. */
    String registerProvider(String id, String category) throws IOException, InterruptedException {
        ObjectNode client = JSON.createObjectNode().put("id", id).put("name", "基准测试报送单位 " + id)
                .put("role", "provider");
        client.putArray("categories").add(category);
        return register(client);
    }

    /**
     * Registers a client that looks subjects up ({@code agency}, {@code public}, ...) and returns its API key. Its
     * quota is far above anything a benchmark asks, so that what is measured is the lookup path, not the limits.
     */
    String registerLookupClient(String id, String role) throws IOException, InterruptedException {
        ObjectNode client = JSON.createObjectNode().put("id", id).put("name", "基准测试查询方 " + id).put("role", role);
        client.putObject("quota").put("requests_per_second", 1_000_000).put("subjects_per_day", 2_000_000_000);
        return register(client);
    }

    private String register(ObjectNode client) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/admin/clients"))
                .header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client.toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registering " + client.path("id").asText() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("api_key").asText();
    }

    /** Streams {@code body} as one admin_penalty submission; completes with the 200 answer's counts. */
    CompletableFuture<SubmissionAnswer> submit(String apiKey, InputStream body) {
        return submit(apiKey, RecordGenerator.CATEGORY, body);
    }

    /** Streams {@code body} as one submission of {@code category}; completes with the 200 answer's counts. */
    CompletableFuture<SubmissionAnswer> submit(String apiKey, String category, InputStream body) {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/submissions/" + category))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the submission answered " + response.statusCode() + ": "
                        + response.body());
            }
            return SubmissionAnswer.parse(response.body());
        });
    }

    /** As the operator: the subject authorizes the agency {@code grantee} for all categories until {@code expires}. */
    CompletableFuture<Void> authorize(String subject, String grantee, OffsetDateTime expires) {
        ObjectNode grant = JSON.createObjectNode().put("subject_code", subject).put("grantee", grantee)
                .put("expires_at", expires.toString()).put("evidence", "基准测试 书面授权");
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/authorizations"))
                .header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(grant.toString()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
            if (response.statusCode() != 201) {
                throw new IllegalStateException("authorizing " + grantee + " for " + subject + " answered "
                        + response.statusCode() + ": " + response.body());
            }
        });
    }

    /** An address of this gateway. */
    URI uri(String path) {
        return URI.create(baseUri + path);
    }

    int port() {
        return port;
    }

    /** The Prometheus text of {@code GET /metrics}. */
    String metrics() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The most memory the process has held resident so far (VmHWM), in bytes. */
    long peakResidentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    /** Runs a diagnostic command in the gateway's JVM (JFR.start, GC.run, ...) and returns its output. */
    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(javaBinary("jcmd"), Long.toString(process.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the gateway as an operator would (SIGTERM), forcibly after a minute. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String javaBinary(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** 30 random bytes in URL-safe base64: 40 characters. */
    private static String newAdminKey() {
        byte[] random = new byte[30];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
