package org.creditgate;

import org.creditgate.audit.VerifyLogCommand;
import org.creditgate.catalog.Catalog;
import org.creditgate.catalog.CatalogException;
import org.creditgate.catalog.CatalogLoader;
import org.creditgate.config.ConfigException;
import org.creditgate.config.ConfigLoader;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.config.GatewayConfig;
import org.creditgate.store.EmbeddedDatabase;
import org.creditgate.store.Migrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar creditgate.jar}: reads the configuration and the catalog, starts the embedded PostgreSQL when
 * no database is configured, migrates the schema, and serves until stopped.
 * {@code java -jar creditgate.jar verify-log --db-url ...} checks the logs' hash chain instead
 * ({@link VerifyLogCommand}).
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** Exit status for a configuration or catalog the gateway refuses to start with. */
    private static final int BAD_SETUP = 2;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify-log")) {
            System.exit(VerifyLogCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        try {
            run();
        } catch (ConfigException | CatalogException e) {
            System.err.println("creditgate cannot start: " + e.getMessage());
            System.exit(BAD_SETUP);
        } catch (Exception e) {
            LOG.error("creditgate failed to start", e);
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        GatewayConfig config = ConfigLoader.load(System.getenv());
        Catalog catalog = CatalogLoader.load(config.catalogDirectory());

        EmbeddedDatabase embedded = null;
        DatabaseUrl database;
        if (config.database().url().isPresent()) {
            database = config.database().url().get();
        } else {
            embedded = EmbeddedDatabase.start(config.dataDir().resolve("postgres").toAbsolutePath());
            database = embedded.url();
        }
        Migrations.migrate(database);

        Gateway gateway = Gateway.start(config, catalog, database, Main::announceAdminKey).await();
        EmbeddedDatabase server = embedded;
        long stopWithinSeconds = config.http().shutdownGraceSeconds() + 30L;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(gateway, server, stopWithinSeconds),
                "creditgate-shutdown"));
    }

    /** SIGTERM: the gateway finishes what is in flight and stops, then the embedded PostgreSQL (after its last write). */
    private static void stop(Gateway gateway, EmbeddedDatabase embedded, long withinSeconds) {
        LOG.info("stopping: no new connections, requests in flight finish");
        try {
            gateway.close().await(withinSeconds, TimeUnit.SECONDS);
            LOG.info("stopped");
        } catch (Exception e) {
            LOG.warn("the gateway did not stop cleanly", e);
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                LOG.warn("the embedded PostgreSQL did not stop cleanly", e);
            }
        }
        // log lines are written by a background thread; drain it, or the last lines of the stop are lost
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logging) {
            logging.stop();
        }
    }

    /**
     * The first start without a configured key generates one. It is printed once, on standard output and not
     * through the log pipeline, so it does not travel to log storage; after this it exists only as a hash.
     */
    private static void announceAdminKey(String key) {
        System.out.println();
        System.out.println("==========================================================================");
        System.out.println(" creditgate: first start, an admin key was generated. It is shown only now:");
        System.out.println("   " + key);
        System.out.println(" Use it as 'Authorization: Bearer <key>'. Set CREDITGATE_ADMIN_KEY to choose your own.");
        System.out.println("==========================================================================");
        System.out.println();
        System.out.flush();
    }
}
