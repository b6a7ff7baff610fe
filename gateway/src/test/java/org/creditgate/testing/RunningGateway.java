package org.creditgate.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.creditgate.Gateway;
import org.creditgate.access.ApiKeys;
import org.creditgate.catalog.Catalog;
import org.creditgate.catalog.CatalogLoader;
import org.creditgate.config.ConfigLoader;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.config.GatewayConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real gateway for black-box tests: the shipped config and catalog, a fresh database on the test PostgreSQL,
 * a free port, and a known admin key. Requests go over real HTTP; helpers block, which keeps tests readable.
 */
public final class RunningGateway implements AutoCloseable {

    /** The default quota of test gateways: far above what tests send, unless a test sets a client's own. */
    public static final GatewayConfig.Quota TEST_DEFAULT_QUOTA = new GatewayConfig.Quota(1_000_000, 100_000_000, 1000, 1000);

    private final Gateway gateway;
    private final WebClient http;
    private final String adminKey;
    private final DatabaseUrl database;
    private final Pool ownerPool;

    private RunningGateway(Gateway gateway, String adminKey, DatabaseUrl database) {
        this.gateway = gateway;
        this.adminKey = adminKey;
        this.database = database;
        this.http = WebClient.create(gateway.vertx(), new WebClientOptions()
                .setDefaultHost("127.0.0.1").setDefaultPort(gateway.port()));
        this.ownerPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4))
                .connectingTo(new PgConnectOptions().setHost(database.host()).setPort(database.port())
                        .setDatabase(database.database()).setUser(database.user()).setPassword(database.password()))
                .using(gateway.vertx()).build();
    }

    public static RunningGateway start() {
        return start(config -> config);
    }

    public static RunningGateway start(UnaryOperator<GatewayConfig> customize) {
        return start(TestPostgres.freshDatabase(), customize);
    }

    public static RunningGateway start(DatabaseUrl database, UnaryOperator<GatewayConfig> customize) {
        return start(database, customize, Clock.systemUTC());
    }

    /** With a clock that decides what "today" is for disclosure periods. */
    public static RunningGateway start(DatabaseUrl database, UnaryOperator<GatewayConfig> customize, Clock clock) {
        String adminKey = ApiKeys.generate();
        // tests fire requests faster than the shipped default rate; the rate limit has tests of its own
        GatewayConfig config = customize.apply(baseConfig(Map.of())
                .withDefaultQuota(TEST_DEFAULT_QUOTA)
                .withHttpPort(0)
                .withDatabaseUrl(database)
                .withAdminKey(adminKey));
        Catalog catalog = CatalogLoader.load(config.catalogDirectory());
        Gateway gateway = Gateway.start(config, catalog, database, clock, key -> {
        }).await();
        return new RunningGateway(gateway, adminKey, database);
    }

    /** The shipped configuration, with these environment variables applied (and a temporary data dir). */
    public static GatewayConfig baseConfig(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent(ConfigLoader.ENV_CONFIG, projectRoot().resolve("config/gateway.yaml").toString());
        env.putIfAbsent(ConfigLoader.ENV_DATA_DIR, TestDataDir.PATH.toString());
        return ConfigLoader.load(env);
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("creditgate.root", ".")).toAbsolutePath().normalize();
    }

    public String adminKey() {
        return adminKey;
    }

    public int port() {
        return gateway.port();
    }

    public int tlsPort() {
        return gateway.tlsPort();
    }

    public DatabaseUrl database() {
        return database;
    }

    public io.vertx.core.Vertx vertx() {
        return gateway.vertx();
    }

    /**
     * A pool on the gateway's database as its login user, the database's owner, for tests that read or change rows
     * directly. (The gateway's own pool runs as the application role, which may not change the logs, say.)
     */
    public Pool pool() {
        return ownerPool;
    }

    /** The pool the gateway itself uses. */
    public Pool gatewayPool() {
        return gateway.pool();
    }

    public HttpRequest<Buffer> request(HttpMethod method, String path, String apiKey) {
        HttpRequest<Buffer> request = http.request(method, path);
        if (apiKey != null) {
            request.bearerTokenAuthentication(apiKey);
        }
        return request;
    }

    public HttpResponse<Buffer> get(String path, String apiKey) {
        return request(HttpMethod.GET, path, apiKey).send().await();
    }

    public HttpResponse<Buffer> post(String path, String apiKey, JsonObject body) {
        return request(HttpMethod.POST, path, apiKey).sendJsonObject(body).await();
    }

    public HttpResponse<Buffer> post(String path, String apiKey, String contentType, Buffer body) {
        return request(HttpMethod.POST, path, apiKey).putHeader("Content-Type", contentType).sendBuffer(body).await();
    }

    /** Registers a client through the admin API and returns its key. */
    public String createClient(JsonObject client) {
        HttpResponse<Buffer> response = post("/admin/clients", adminKey, client);
        if (response.statusCode() != 201) {
            throw new AssertionError("creating client failed: " + response.statusCode() + " " + response.bodyAsString());
        }
        return response.bodyAsJsonObject().getString("api_key");
    }

    @Override
    public void close() {
        http.close();
        ownerPool.close().await();
        gateway.close().await();
    }

    /** One data dir (it holds the checkpoint keys) for every test gateway of the run, outside the project. */
    private static final class TestDataDir {
        static final Path PATH;

        static {
            try {
                PATH = Files.createTempDirectory("creditgate-test-data");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
