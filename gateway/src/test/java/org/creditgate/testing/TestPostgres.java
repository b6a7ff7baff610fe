package org.creditgate.testing;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.config.GatewayConfig;
import org.creditgate.store.Database;
import org.creditgate.store.EmbeddedDatabase;
import org.creditgate.store.Migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL for the whole test run (starting one takes seconds); every test class gets a database
 * of its own on it, migrated like production, so tests never see each other's rows.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedDatabase server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedDatabase server() {
        if (server == null) {
            try {
                Path directory = Files.createTempDirectory("creditgate-test-pg");
                server = EmbeddedDatabase.start(directory);
                EmbeddedDatabase started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the run is over; the temporary directory goes with the machine
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /**
     * A pool on the database as the gateway makes one (application role, its timeouts), for tests of a component
     * without a whole gateway.
     */
    public static Pool gatewayPool(Vertx vertx, DatabaseUrl database, int size) {
        return Database.pool(vertx, database, new GatewayConfig.Database(Optional.of(database), size, 64, 3000, 3000,
                30000, 1), 1);
    }

    /** A new, migrated, empty database. */
    public static DatabaseUrl freshDatabase() {
        DatabaseUrl url = server().createDatabase("test_" + ProcessHandle.current().pid() + "_"
                + DATABASES.incrementAndGet());
        Migrations.migrate(url);
        return url;
    }
}
