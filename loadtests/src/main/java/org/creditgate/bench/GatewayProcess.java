package org.creditgate.bench;

import org.creditgate.config.DatabaseUrl;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
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

    static final int BENCH_REQUESTS_PER_SECOND = 100_000;

    private final Process process;
    private final Path log;
    private final GatewayApi api;
    private final String adminKey;
    private final int port;

    private GatewayProcess(Process process, Path log, int port, String adminKey) {
        this.process = process;
        this.log = log;
        this.api = new GatewayApi("http://127.0.0.1:" + port, adminKey);
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
        env.put("CREDITGATE_DB_URL", "postgresql://" + encode(database.user())
                + (database.password().isEmpty() ? "" : ":" + encode(database.password())) + "@" + database.host()
                + ":" + database.port() + "/" + database.database());
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
     * The shipped {@code config/gateway.yaml} with one change: the default {@code quotas.requests_per_second} (which
     * the operator's key has too) raised, so that preparing a data set through the admin key is not throttled. The
     * benchmark's own lookup clients are registered with quotas of their own, far above what they ask.
     */
    private static Path benchConfig(Path projectRoot, Path workDir) throws IOException {
        Path shipped = projectRoot.resolve("config");
        String yaml = Files.readString(shipped.resolve("gateway.yaml"));
        String raised = yaml.replaceFirst("(?m)^(\\s+requests_per_second:\\s*)\\d+",
                "$1" + BENCH_REQUESTS_PER_SECOND);
        if (raised.equals(yaml)) {
            throw new IllegalStateException("config/gateway.yaml has no quotas.requests_per_second to raise");
        }
        Path directory = Files.createDirectories(workDir.resolve("config"));
        Path catalog = directory.resolve("catalog");
        if (!Files.exists(catalog)) {
            Files.createSymbolicLink(catalog, shipped.resolve("catalog").toAbsolutePath());
        }
        return Files.writeString(directory.resolve("gateway.yaml"), raised);
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
            // the port opens once the gateway has migrated and started its verticles
            if (api.ready()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the gateway was not ready within " + timeout.toSeconds() + " s:\n" + logTail());
    }

    /** The gateway's API, as its operator (the admin key). */
    GatewayApi api() {
        return api;
    }

    /** The admin key the gateway was started with. */
    String adminKey() {
        return adminKey;
    }

    /** Registers a provider of admin_penalty and returns its API key. */
    String registerProvider(String id) throws IOException, InterruptedException {
        return api.registerProvider(id, RecordGenerator.CATEGORY);
    }

    String registerProvider(String id, String category) throws IOException, InterruptedException {
        return api.registerProvider(id, category);
    }

    String registerLookupClient(String id, String role) throws IOException, InterruptedException {
        return api.registerLookupClient(id, role);
    }

    /** Streams {@code body} as one admin_penalty submission; completes with the 200 answer's counts. */
    CompletableFuture<SubmissionAnswer> submit(String apiKey, InputStream body) {
        return api.submit(apiKey, RecordGenerator.CATEGORY, body);
    }

    CompletableFuture<SubmissionAnswer> submit(String apiKey, String category, InputStream body) {
        return api.submit(apiKey, category, body);
    }

    CompletableFuture<Void> authorize(String subject, String grantee, OffsetDateTime expires) {
        return api.authorize(subject, grantee, expires);
    }

    URI uri(String path) {
        return api.uri(path);
    }

    String metrics() throws IOException, InterruptedException {
        return api.metrics();
    }

    int port() {
        return port;
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

    private static String encode(String part) {
        return java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8);
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
