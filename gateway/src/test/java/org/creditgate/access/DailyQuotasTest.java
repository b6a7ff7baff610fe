package org.creditgate.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.creditgate.calendar.PlatformCalendar;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Daily quotas against the real quota table, with the database slow or refusing. */
@DisplayName("Daily quotas: many lookups waiting on one lease")
class DailyQuotasTest {

    private static final String CLIENT = "busy-website";

    private DatabaseUrl database;
    private Vertx vertx;
    private Pool pool;
    private DailyQuotas quotas;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        vertx = Vertx.vertx();
        pool = TestPostgres.gatewayPool(vertx, database, 4);
        quotas = new DailyQuotas(vertx, new QuotaQueries(pool), Clock.systemUTC(), 1000, 60_000);
    }

    @AfterEach
    void stop() {
        pool.close().await();
        vertx.close().await();
    }

    @Test
    @DisplayName("50,000 takes queued behind a lease held up by a row lock are all decided once it is released, "
            + "and the day's count is exact")
    void queuedTakesAllDecided() throws Exception {
        LocalDate today = LocalDate.now(PlatformCalendar.ZONE);
        try (Connection sql = lockQuotaRow(today)) {

            int takes = 50_000;
            List<Future<DailyQuotas.Decision>> decisions = new ArrayList<>(takes);
            for (int i = 0; i < takes; i++) {
                decisions.add(quotas.take(CLIENT, 10_000_000, 1));
            }
            Thread.sleep(300);
            assertThat(decisions).noneMatch(Future::isComplete);

            sql.commit();
            Future.all(decisions).await(30, TimeUnit.SECONDS);
            assertThat(decisions).allMatch(d -> d.succeeded() && d.result().allowed());

            quotas.giveBackAll().await(10, TimeUnit.SECONDS);
            assertThat(used(sql, today)).isEqualTo(takes);
        }
    }

    @Test
    @DisplayName("when the lease fails, every lookup waiting for it fails too, and the next one leases again")
    void failedLeaseFailsTheWaiting() throws Exception {
        LocalDate today = LocalDate.now(PlatformCalendar.ZONE);
        try (Connection sql = lockQuotaRow(today)) {
            // the lease waiting on the lock is cancelled by its backend: the database refused it
            List<Future<DailyQuotas.Decision>> waiting = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                waiting.add(quotas.take(CLIENT, 10_000_000, 1));
            }
            Thread.sleep(300);
            execute(sql, "SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
                    + "WHERE query LIKE 'INSERT INTO quota_usage%' AND pid <> pg_backend_pid()");
            Future.join(waiting).otherwiseEmpty().await(10, TimeUnit.SECONDS);
            assertThat(waiting).allMatch(Future::failed);
            sql.commit();

            DailyQuotas.Decision after = quotas.take(CLIENT, 10_000_000, 5).await(10, TimeUnit.SECONDS);
            assertThat(after.allowed()).isTrue();
            quotas.giveBackAll().await(10, TimeUnit.SECONDS);
            assertThat(used(sql, today)).isEqualTo(5);
        }
    }

    /** The client's row of the day, locked by the returned connection's open transaction: leases wait for it. */
    private Connection lockQuotaRow(LocalDate day) throws SQLException {
        Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        execute(sql, "INSERT INTO quota_usage (client_id, day, used) VALUES ('" + CLIENT + "', '" + day + "', 0)");
        sql.setAutoCommit(false);
        execute(sql, "SELECT used FROM quota_usage WHERE client_id = '" + CLIENT + "' FOR UPDATE");
        return sql;
    }

    private static void execute(Connection sql, String statement) throws SQLException {
        try (PreparedStatement s = sql.prepareStatement(statement)) {
            s.execute();
        }
    }

    private static long used(Connection sql, LocalDate day) throws SQLException {
        sql.setAutoCommit(true);
        try (PreparedStatement s = sql.prepareStatement("SELECT used FROM quota_usage WHERE client_id = ? AND day = ?")) {
            s.setString(1, CLIENT);
            s.setObject(2, day);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
