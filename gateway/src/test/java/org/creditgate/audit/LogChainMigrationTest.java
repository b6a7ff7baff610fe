package org.creditgate.audit;

import org.creditgate.config.DatabaseUrl;
import org.creditgate.store.Migrations;
import org.creditgate.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A database with logs written before the chain existed gets them chained, in the order they were logged. */
@DisplayName("The log chain migration")
class LogChainMigrationTest {

    @Test
    @DisplayName("chains the entries already logged, oldest first, and the chain verifies")
    void chainsExistingEntries() throws SQLException {
        DatabaseUrl url = TestPostgres.server().createDatabase("chain_migration_" + ProcessHandle.current().pid());
        Flyway.configure().dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations("classpath:db/migration").target("4").load().migrate();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO query_log (query_id, client_id, role, channel, reason, subjects, categories, logged_at)
                    VALUES (gen_random_uuid(), 'b', 'agency', 'api', 'second', '{x}', '{}', '2026-01-02T00:00:00Z'),
                           (gen_random_uuid(), 'a', 'agency', 'api', 'first', '{x}', '{}', '2026-01-01T00:00:00Z')""");
            s.execute("""
                    INSERT INTO collection_log (submission_id, provider, category, channel, received, accepted,
                        rejected, outcome, started_at, logged_at)
                    VALUES (gen_random_uuid(), 'p', 'admin_penalty', 'api', 1, 1, 0, 'complete',
                            '2026-01-01T12:00:00Z', '2026-01-01T12:00:01Z')""");

            Migrations.migrate(url);

            List<String> order = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("""
                    SELECT seq, reason AS what FROM query_log
                    UNION ALL SELECT seq, provider FROM collection_log ORDER BY seq""")) {
                while (rows.next()) {
                    order.add(rows.getLong("seq") + ":" + rows.getString("what"));
                }
            }
            assertThat(order).containsExactly("1:first", "2:p", "3:second");
            VerifyResult result = JdbcChainCheck.verify(c, List.of());
            assertThat(result.ok()).as(result.toString()).isTrue();
            assertThat(result.entries()).isEqualTo(3);

            // and the trigger carries on from the migrated head
            s.execute("""
                    INSERT INTO query_log (query_id, client_id, role, channel, subjects, categories)
                    VALUES (gen_random_uuid(), 'c', 'agency', 'api', '{y}', '{}')""");
            assertThat(JdbcChainCheck.verify(c, List.of()).entries()).isEqualTo(4);
            assertThat(JdbcChainCheck.verify(c, List.of()).ok()).isTrue();
        }
    }
}
