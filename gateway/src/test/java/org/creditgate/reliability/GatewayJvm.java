package org.creditgate.reliability;

import org.creditgate.config.DatabaseUrl;
import org.creditgate.testing.RunningGateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The gateway as its own JVM ({@code org.creditgate.Main}, as the jar runs it) on a given database, with the
 * shipped configuration but for the settings a test overrides. Signals are real: SIGTERM is
 * {@link Process#destroy()}.
 */
final class GatewayJvm implements AutoCloseable {

    final Process process;
    final int port;
    final String adminKey;
    final Path log;
    final DatabaseUrl database;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private GatewayJvm(Process process, int port, String adminKey, Path log, DatabaseUrl database) {
        this.process = process;
        this.port = port;
        this.adminKey = adminKey;
        this.log = log;
        this.database = database;
    }

    /** @param editConfig edits the text of a copy of config/gateway.yaml */
    static GatewayJvm start(DatabaseUrl database, Path workDir, UnaryOperator<String> editConfig) throws Exception {
        Path root = RunningGateway.projectRoot();
        String shipped = Files.readString(root.resolve("config/gateway.yaml"));
        Path config = workDir.resolve("gateway.yaml");
        Files.writeString(config, editConfig.apply(shipped.replace("directory: catalog", "directory: "
                + root.resolve("config/catalog"))));
        int port = freePort();
        String adminKey = "test-admin-key-" + "k".repeat(30);
        Path log = workDir.resolve("gateway.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "org.creditgate.Main"))
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("CREDITGATE_CONFIG", config.toString());
        env.put("CREDITGATE_DB_URL", "postgresql://" + database.user() + "@" + database.host() + ":"
                + database.port() + "/" + database.database());
        env.put("CREDITGATE_ADMIN_KEY", adminKey);
        env.put("CREDITGATE_HTTP_PORT", Integer.toString(port));
        env.put("CREDITGATE_DATA_DIR", workDir.resolve("data").toString());
        GatewayJvm gateway = new GatewayJvm(builder.start(), port, adminKey, log, database);
        gateway.awaitReady();
        return gateway;
    }

    private void awaitReady() throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the gateway exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (send("GET", "/health/ready", null, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready within 120 s:\n" + Files.readString(log));
    }

    HttpResponse<String> send(String method, String path, String key, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Registers a client and returns its key. */
    String createClient(String json) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/admin/clients", adminKey, json);
        if (response.statusCode() != 201) {
            throw new AssertionError("creating a client: " + response.statusCode() + " " + response.body());
        }
        return response.body().replaceAll(".*\"api_key\":\"([^\"]+)\".*", "$1");
    }

    long count(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
