package org.creditgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The whole configuration of one gateway instance: read once at start, validated, immutable. */
public record GatewayConfig(Http http, Database database, Path dataDir, Optional<String> adminKey,
                            Path catalogDirectory, Quota defaultQuota, Submissions submissions,
                            Disclosure disclosure, ProviderHealth providerHealth, Tls tls, Audit audit) {

    public GatewayConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(adminKey, "adminKey");
        Objects.requireNonNull(catalogDirectory, "catalogDirectory");
        Objects.requireNonNull(defaultQuota, "defaultQuota");
        Objects.requireNonNull(submissions, "submissions");
        Objects.requireNonNull(disclosure, "disclosure");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(providerHealth, "providerHealth");
        Objects.requireNonNull(tls, "tls");
    }

    /**
     * The HTTPS listener, off unless enabled. With a client trust store, clients must present a certificate signed
     * by one of its authorities, and a certificate's subject CN names the client (no API key needed).
     *
     * @param keystore         PKCS#12 file with the server's key and certificate chain
     * @param clientTruststore PKCS#12 file with the authorities trusted to sign client certificates; empty: no mTLS
     */
    public record Tls(boolean enabled, int port, Optional<Path> keystore, String keystorePassword,
                      Optional<Path> clientTruststore, String clientTruststorePassword) {
    }

    /**
     * The thresholds of the providers' reporting lights: hours without a submission, and refused shares of this
     * month's records, from which a light turns yellow or red.
     */
    public record ProviderHealth(int yellowAfterHours, int redAfterHours, double yellowRejection,
                                 double redRejection) {
    }

    /**
     * @param eventLoops           HTTP verticle instances; 0 means one per available core
     * @param headerTimeoutSeconds a new connection must deliver its first request's headers this soon (after an
     *                             answer, the next request's within the idle timeout), else it is closed
     * @param maxJsonDepth         deepest nesting of arrays and objects in a JSON body
     * @param maxJsonStringChars   longest string (or member name) in a JSON body
     * @param shutdownGraceSeconds on SIGTERM, how long requests in flight may take to finish
     */
    public record Http(String host, int port, int maxHeaderBytes, int maxBodyBytes, int idleTimeoutSeconds,
                       int eventLoops, int headerTimeoutSeconds, int maxJsonDepth, int maxJsonStringChars,
                       int shutdownGraceSeconds) {
        public int effectiveEventLoops() {
            return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
        }

        public Http withPort(int changed) {
            return new Http(host, changed, maxHeaderBytes, maxBodyBytes, idleTimeoutSeconds, eventLoops,
                    headerTimeoutSeconds, maxJsonDepth, maxJsonStringChars, shutdownGraceSeconds);
        }
    }

    /**
     * @param url                empty: start the embedded PostgreSQL under the data directory
     * @param statementTimeoutMs the server cancels a statement (or an idle open transaction) after this long
     * @param writerConnections  connections (apart from the pool) that write submitted records with COPY: batches
     *                           of that many submissions are written at once, the others wait their turn
     */
    public record Database(Optional<DatabaseUrl> url, int poolSize, int maxWaitQueue, int connectTimeoutMs,
                           int acquireTimeoutMs, int statementTimeoutMs, int writerConnections) {

        public Database withUrl(DatabaseUrl changed) {
            return new Database(Optional.of(changed), poolSize, maxWaitQueue, connectTimeoutMs, acquireTimeoutMs,
                    statementTimeoutMs, writerConnections);
        }
    }

    /**
     * @param leaseBlock      subjects an instance leases from the shared daily count at a time
     * @param leaseIdleMillis an unused lease is given back after this long without lookups
     */
    public record Quota(int requestsPerSecond, int subjectsPerDay, int leaseBlock, int leaseIdleMillis) {
    }

    /**
     * @param batchSize       records written per transaction
     * @param batchMaxBytes   bytes of record lines written per transaction: a batch is written at this size or at
     *                        batchSize records, whichever comes first, so large records keep batches small
     * @param maxLineBytes    longest NDJSON line; longer ones are refused as RECORD_TOO_LARGE
     * @param maxErrorsListed errors listed in an answer; the counts stay exact beyond it
     * @param maxConcurrentPerClient submissions one provider may stream at once on one instance
     */
    public record Submissions(int batchSize, int batchMaxBytes, int maxLineBytes, int maxErrorsListed,
                              int maxConcurrentPerClient) {
        public Submissions withBatchSize(int changed) {
            return new Submissions(changed, batchMaxBytes, maxLineBytes, maxErrorsListed, maxConcurrentPerClient);
        }
    }

    /**
     * @param maxSubjects       subjects per lookup
     * @param withholdObjected  an open objection withholds the record (else it is shown flagged)
     * @param cacheSubjects     subjects whose records the cache holds
     * @param cacheTtlSeconds   how long a cached subject lives without a change announcement
     * @param queryLogMaxBatch  query log entries per group-commit insert
     * @param maxInFlight       lookups one instance answers at once; more are refused at once (503)
     */
    public record Disclosure(int maxSubjects, boolean withholdObjected, int cacheSubjects, int cacheTtlSeconds,
                             int queryLogMaxBatch, int maxInFlight) {

        public Disclosure withMaxInFlight(int changed) {
            return new Disclosure(maxSubjects, withholdObjected, cacheSubjects, cacheTtlSeconds, queryLogMaxBatch,
                    changed);
        }
    }

    /**
     * @param checkpointInterval  how often the head of the log chain is signed
     * @param retentionMonths     how long log entries are kept: months older than this are dropped whole
     * @param maintenanceInterval how often partitions for the coming months are made and expired months dropped
     * @param trustedPublicKeys   Ed25519 public keys (X.509 encoded) besides this instance's own whose checkpoints
     *                            and anchors {@code GET /v1/audit/verify} accepts: other instances', earlier keys
     */
    public record Audit(Duration checkpointInterval, int retentionMonths, Duration maintenanceInterval,
                        List<byte[]> trustedPublicKeys) {

        public Audit {
            trustedPublicKeys = List.copyOf(trustedPublicKeys);
        }
    }

    public GatewayConfig withHttpPort(int port) {
        return withHttp(http.withPort(port));
    }

    public GatewayConfig withDatabaseUrl(DatabaseUrl url) {
        return withDatabase(database.withUrl(url));
    }

    public GatewayConfig withDatabase(Database changed) {
        return new GatewayConfig(http, changed, dataDir, adminKey, catalogDirectory, defaultQuota, submissions,
                disclosure, providerHealth, tls, audit);
    }

    public GatewayConfig withAdminKey(String key) {
        return new GatewayConfig(http, database, dataDir, Optional.of(key), catalogDirectory, defaultQuota,
                submissions, disclosure, providerHealth, tls, audit);
    }

    public GatewayConfig withDefaultQuota(Quota quota) {
        return new GatewayConfig(http, database, dataDir, adminKey, catalogDirectory, quota, submissions, disclosure,
                providerHealth, tls, audit);
    }

    public GatewayConfig withTls(Tls changed) {
        return new GatewayConfig(http, database, dataDir, adminKey, catalogDirectory, defaultQuota, submissions,
                disclosure, providerHealth, changed, audit);
    }

    public GatewayConfig withAudit(Audit changed) {
        return new GatewayConfig(http, database, dataDir, adminKey, catalogDirectory, defaultQuota, submissions,
                disclosure, providerHealth, tls, changed);
    }

    public GatewayConfig withDisclosure(Disclosure changed) {
        return new GatewayConfig(http, database, dataDir, adminKey, catalogDirectory, defaultQuota, submissions,
                changed, providerHealth, tls, audit);
    }

    public GatewayConfig withHttp(Http changed) {
        return new GatewayConfig(changed, database, dataDir, adminKey, catalogDirectory, defaultQuota, submissions,
                disclosure, providerHealth, tls, audit);
    }

    public GatewayConfig withSubmissions(Submissions changed) {
        return new GatewayConfig(http, database, dataDir, adminKey, catalogDirectory, defaultQuota, changed,
                disclosure, providerHealth, tls, audit);
    }
}
