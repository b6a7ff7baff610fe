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
import org.creditgate.collect.RecordStatistics;
import org.creditgate.collect.RecordStore;
import org.creditgate.collect.RecordValidator;
import org.creditgate.audit.ChainAudit;
import org.creditgate.audit.ChainQueries;
import org.creditgate.audit.CheckpointSigner;
import org.creditgate.audit.CheckpointWriter;
import org.creditgate.audit.LogMaintenance;
import org.creditgate.disclose.ChangeListener;
import org.creditgate.disclose.ConsentQueries;
import org.creditgate.disclose.DisclosureMetrics;
import org.creditgate.disclose.DisclosureQueries;
import org.creditgate.disclose.LookupService;
import org.creditgate.disclose.ObjectionPolicy;
import org.creditgate.disclose.RecordLoader;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.config.GatewayConfig;
import org.creditgate.disclose.SubjectCache;
import org.creditgate.http.GatewayServices;
import org.creditgate.http.GatewayVerticle;
import org.creditgate.http.LookupAdmission;
import org.creditgate.ops.LookupRates;
import org.creditgate.http.SubmissionSlots;
import org.creditgate.ops.Metrics;
import org.creditgate.ops.OperatorStats;
import org.creditgate.ops.ProviderLight;
import org.creditgate.ops.ProviderLightGauge;
import org.creditgate.ops.ProviderReport;
import org.creditgate.ops.ProviderStatsQueries;
import org.creditgate.store.Database;
import org.creditgate.store.WriterConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    private final WriterConnections writers;

    private Gateway(Vertx vertx, Pool pool, int port, int tlsPort, DailyQuotas dailyQuotas,
                    WriterConnections writers) {
        this.vertx = vertx;
        this.pool = pool;
        this.port = port;
        this.tlsPort = tlsPort;
        this.dailyQuotas = dailyQuotas;
        this.writers = writers;
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
        CheckpointSigner signer = CheckpointSigner.loadOrCreate(config.dataDir().resolve("keys"));
        LOG.info("log chain checkpoints are signed with Ed25519 public key {}", signer.publicKeyBase64());
        int eventLoops = config.http().effectiveEventLoops();
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Vertx vertx = Vertx.builder()
                .with(Metrics.instrument(new VertxOptions().setEventLoopPoolSize(eventLoops)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        Pool pool = Database.pool(vertx, database, config.database(), eventLoops);
        WriterConnections writers = WriterConnections.open(vertx, database, config.database(), registry);
        ClientDirectory clients = new ClientDirectory(new ClientQueries(pool));
        CollectionMetrics collectionMetrics = new CollectionMetrics(registry);
        Map<String, RecordValidator> validators = new HashMap<>();
        catalog.categories().forEach(category -> validators.put(category.id(), new RecordValidator(category)));

        GatewayConfig.Disclosure disclosure = config.disclosure();
        SubjectCache cache = new SubjectCache(disclosure.cacheSubjects(),
                Duration.ofSeconds(disclosure.cacheTtlSeconds()), registry);
        ChangeListener changes = new ChangeListener(vertx, database, cache);
        QueryLogWriter queryLog = new QueryLogWriter(vertx, pool, registry, disclosure.queryLogMaxBatch());
        DisclosureQueries disclosureQueries = new DisclosureQueries(pool);
        // a load runs three queries at once: a quarter of the pool for loads leaves the rest to everything else
        RecordLoader loader = new RecordLoader(vertx, disclosureQueries, cache,
                Math.max(1, config.database().poolSize() / 4), disclosure.maxSubjects(), 16 * disclosure.maxSubjects(),
                Duration.ofMillis(config.database().acquireTimeoutMs()), registry);
        LookupService lookups = new LookupService(catalog, disclosureQueries, cache, loader, queryLog,
                disclosure.withholdObjected() ? ObjectionPolicy.WITHHOLD : ObjectionPolicy.FLAG, clock,
                new DisclosureMetrics(registry));
        DailyQuotas dailyQuotas = new DailyQuotas(vertx, new QuotaQueries(pool), clock,
                config.defaultQuota().leaseBlock(), config.defaultQuota().leaseIdleMillis());
        OperatorStats operatorStats = operatorStats(config, pool, registry, clock);
        operatorStats.startRefreshing(vertx);
        new RecordStatistics(pool).start(vertx);
        ChainQueries chain = new ChainQueries(pool);
        GatewayServices services = new GatewayServices(config, catalog, pool, registry, clients,
                new RecordStore(writers, collectionMetrics, cache::changed), collectionMetrics, validators, lookups,
                new ConsentQueries(pool, cache), new QueryHistoryQueries(pool), clock,
                new RateLimits(config.defaultQuota().requestsPerSecond(), System::nanoTime), dailyQuotas,
                operatorStats, new ChainAudit(chain, signer, trustedKeys(signer, config.audit())),
                new SubmissionSlots(config.submissions().maxConcurrentPerClient()),
                new LookupAdmission(disclosure.maxInFlight(), registry));
        LogMaintenance logMaintenance = new LogMaintenance(vertx, pool, signer, config.audit().retentionMonths(),
                config.audit().maintenanceInterval(), clock);

        // every event loop's server binds the same port; "any free port" (0, in tests) is chosen once for all
        int port = config.http().port() == 0 ? freePort() : config.http().port();
        int tlsPort = config.tls().port() == 0 ? freePort() : config.tls().port();
        GatewayVerticle first = new GatewayVerticle(services, port, tlsPort);
        return Database.checkAppRole(pool)
                .compose(ignored -> logMaintenance.start())
                .compose(ignored -> clients.bootstrapAdmin(config.adminKey()))
                .onSuccess(generated -> generated.ifPresent(onAdminKeyGenerated))
                // without the listener nothing is cached, so a failure here is not fatal: it keeps retrying
                .compose(ignored -> changes.start().otherwiseEmpty())
                .compose(ignored -> vertx.deployVerticle(first))
                .onSuccess(ignored -> new CheckpointWriter(vertx, chain, signer, config.audit().checkpointInterval(),
                        clock).start())
                .compose(ignored -> eventLoops == 1 ? Future.succeededFuture(first.actualPort())
                        : vertx.deployVerticle(() -> new GatewayVerticle(services, port, tlsPort),
                        new DeploymentOptions().setInstances(eventLoops - 1)).map(first.actualPort()))
                .map(actualPort -> {
                    LOG.info("creditgate listening on {}:{} with {} event loops, database {}",
                            config.http().host(), actualPort, eventLoops, database);
                    return new Gateway(vertx, pool, actualPort, tlsPort, dailyQuotas, writers);
                })
                // the failure goes to the caller first; closing Vert.x then releases threads and connections
                .onFailure(failure -> vertx.close().onComplete(closed -> writers.close()));
    }

    private static OperatorStats operatorStats(GatewayConfig config, Pool pool, PrometheusMeterRegistry registry,
                                               Clock clock) {
        GatewayConfig.ProviderHealth health = config.providerHealth();
        ProviderLight light = new ProviderLight(Duration.ofHours(health.yellowAfterHours()),
                Duration.ofHours(health.redAfterHours()), health.yellowRejection(), health.redRejection());
        return new OperatorStats(new ProviderReport(new ProviderStatsQueries(pool), light,
                new ProviderLightGauge(registry), clock), new LookupRates(registry, System::nanoTime));
    }

    /** This instance's key and the configured ones: whose checkpoints and anchors verification accepts. */
    private static List<byte[]> trustedKeys(CheckpointSigner signer, GatewayConfig.Audit audit) {
        List<byte[]> keys = new ArrayList<>(audit.trustedPublicKeys());
        keys.add(signer.publicKey());
        return keys;
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

    /**
     * Stops gracefully: the HTTP verticles are undeployed first, so the servers stop accepting and the requests in
     * flight finish within the grace period (a lookup answers only once its query log entry is durable, a
     * submission only once its last batch and log entry have committed); then unused quota leases go back, and
     * Vert.x stops with the pool; the writer connections close last.
     */
    public Future<Void> close() {
        List<Future<Void>> undeployed = new ArrayList<>();
        for (String deployment : vertx.deploymentIDs()) {
            undeployed.add(vertx.undeploy(deployment));
        }
        return Future.join(undeployed).otherwiseEmpty()
                .compose(ignored -> dailyQuotas.giveBackAll().timeout(5, java.util.concurrent.TimeUnit.SECONDS)
                        .otherwiseEmpty())
                .compose(ignored -> vertx.close())
                .onComplete(closed -> writers.close());
    }

}
