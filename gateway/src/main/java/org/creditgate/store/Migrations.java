package org.creditgate.store;

import org.creditgate.config.DatabaseUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the schema to the version this build expects (Flyway, {@code db/migration}). Blocking, run at start. */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    public static void migrate(DatabaseUrl url) {
        MigrateResult result = Flyway.configure()
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations("classpath:db/migration")
                .connectRetries(10)
                .load()
                .migrate();
        LOG.info("schema at version {} ({} migrations applied)", result.targetSchemaVersion, result.migrationsExecuted);
    }
}
