package org.creditgate;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.sqlclient.Pool;
import org.creditgate.access.ClientDirectory;
import org.creditgate.access.ClientQueries;
import org.creditgate.access.DailyQuotas;
import org.creditgate.access.QuotaQueries;
import org.creditgate.access.RateLimits;
import org.creditgate.catalog.Catalog;
import org.creditgate.audit.QueryHistoryQueries;
import org.creditgate.audit.QueryLogWriter;
import org.creditgate.collect.CollectionMetrics;
import org.creditgate.collect.RecordStore;
import org.creditgate.collect.RecordValidator;
import org.creditgate.disclose.ChangeListener;
import org.creditgate.disclose.ConsentQueries;
import org.creditgate.disclose.DisclosureMetrics;
import org.creditgate.disclose.DisclosureQueries;
import org.creditgate.disclose.LookupService;
import org.creditgate.disclose.ObjectionPolicy;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.config.GatewayConfig;
import org.creditgate.disclose.SubjectCache;
import org.creditgate.http.GatewayServices;
import org.creditgate.http.GatewayVerticle;
import org.creditgate.ops.Metrics;
import org.creditgate.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One running gateway: its Vert.x instance, connection pool and HTTP servers. The database must exist and be
 * migrated before {@link #start}; {@link Main} does that, tests do it their own way.
 */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Vertx vertx;
    private final Pool pool;
    private final int port;
    private final int tlsPort;
    private final DailyQuotas dailyQuotas;

    private Gateway(Vertx vertx, Pool pool, int port, int tlsPort, DailyQuotas dailyQuotas) {
        this.vertx = vertx;
        this.pool = pool;
        this.port = port;
        this.tlsPort = tlsPort;
        this.dailyQuotas = dailyQuotas;
    }

    /**
     * Starts the gateway on a migrated database.
     *
     * @param onAdminKeyGenerated told the admin key when this start generated one (first start, none configured)
     */
    public static Future<Gateway> start(GatewayConfig config, Catalog catalog, DatabaseUrl database,
                                        Consumer<String> onAdminKeyGenerated) {
        return start(config, catalog, database, Clock.systemUTC(), onAdminKeyGenerated);
    }

    /** As above, with the clock that decides what "today" is for disclosure periods (tests move it). */
    public static Future<Gateway> start(GatewayConfig config, Catalog catalog, DatabaseUrl database, Clock clock,
                                        Consumer<String> onAdminKeyGenerated) {
        int eventLoops = config.http().effectiveEventLoops();
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Vertx vertx = Vertx.builder()
                .with(Metrics.instrument(new VertxOptions().setEventLoopPoolSize(eventLoops)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        Pool pool = Database.pool(vertx, database, config.database(), eventLoops);
        ClientDirectory clients = new ClientDirectory(new ClientQueries(pool));
        CollectionMetrics collectionMetrics = new CollectionMetrics(registry);
        Map<String, RecordValidator> validators = new HashMap<>();
        catalog.categories().forEach(category -> validators.put(category.id(), new RecordValidator(category)));

        GatewayConfig.Disclosure disclosure = config.disclosure();
        SubjectCache cache = new SubjectCache(disclosure.cacheSubjects(),
                Duration.ofSeconds(disclosure.cacheTtlSeconds()), registry);
        ChangeListener changes = new ChangeListener(vertx, database, cache);
        QueryLogWriter queryLog = new QueryLogWriter(vertx, pool, registry, disclosure.queryLogMaxBatch());
        LookupService lookups = new LookupService(catalog, new DisclosureQueries(pool), cache, queryLog,
                disclosure.withholdObjected() ? ObjectionPolicy.WITHHOLD : ObjectionPolicy.FLAG, clock,
                new DisclosureMetrics(registry));
        DailyQuotas dailyQuotas = new DailyQuotas(vertx, new QuotaQueries(pool), clock,
                config.defaultQuota().leaseBlock(), config.defaultQuota().leaseIdleMillis());
        GatewayServices services = new GatewayServices(config, catalog, pool, registry, clients,
                new RecordStore(pool, collectionMetrics, cache::changed), collectionMetrics, validators, lookups,
                new ConsentQueries(pool, cache), new QueryHistoryQueries(pool), clock,
                new RateLimits(config.defaultQuota().requestsPerSecond(), System::nanoTime), dailyQuotas);

        // every event loop's server binds the same port; "any free port" (0, in tests) is chosen once for all
        int port = config.http().port() == 0 ? freePort() : config.http().port();
        int tlsPort = config.tls().port() == 0 ? freePort() : config.tls().port();
        GatewayVerticle first = new GatewayVerticle(services, port, tlsPort);
        return clients.bootstrapAdmin(config.adminKey())
                .onSuccess(generated -> generated.ifPresent(onAdminKeyGenerated))
                // without the listener nothing is cached, so a failure here is not fatal: it keeps retrying
                .compose(ignored -> changes.start().otherwiseEmpty())
                .compose(ignored -> vertx.deployVerticle(first))
                .compose(ignored -> eventLoops == 1 ? Future.succeededFuture(first.actualPort())
                        : vertx.deployVerticle(() -> new GatewayVerticle(services, port, tlsPort),
                        new DeploymentOptions().setInstances(eventLoops - 1)).map(first.actualPort()))
                .map(actualPort -> {
                    LOG.info("creditgate listening on {}:{} with {} event loops, database {}",
                            config.http().host(), actualPort, eventLoops, database);
                    return new Gateway(vertx, pool, actualPort, tlsPort, dailyQuotas);
                })
                // the failure goes to the caller first; closing Vert.x then releases threads and connections
                .onFailure(failure -> vertx.close());
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port", e);
        }
    }

    public int port() {
        return port;
    }

    /** The HTTPS port (meaningful when TLS is enabled). */
    public int tlsPort() {
        return tlsPort;
    }

    public Vertx vertx() {
        return vertx;
    }

    public Pool pool() {
        return pool;
    }

    /** Gives back unused quota leases, then stops Vert.x: servers, event loops and the pool. */
    public Future<Void> close() {
        return dailyQuotas.giveBackAll().timeout(5, java.util.concurrent.TimeUnit.SECONDS)
                .otherwiseEmpty().compose(ignored -> vertx.close());
    }

}
