package org.creditgate.disclose;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.orgCode;

/**
 * The loader of cache misses against the real tables, held up by a table lock so that what waits, what goes
 * together and what is refused can be seen.
 */
@DisplayName("Loading cache misses: coalesced, bounded")
class RecordLoaderTest {

    private DatabaseUrl database;
    private Vertx vertx;
    private Pool pool;
    private SimpleMeterRegistry registry;
    private SubjectCache cache;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        vertx = Vertx.vertx();
        pool = TestPostgres.gatewayPool(vertx, database, 8);
        registry = new SimpleMeterRegistry();
        cache = new SubjectCache(1000, Duration.ofMinutes(10), registry);
        cache.startListening();
    }

    @AfterEach
    void stop() {
        pool.close().await();
        vertx.close().await();
    }

    private RecordLoader loader(int maxCodesPerLoad, int maxWaitingCodes, Duration maxWait) {
        return new RecordLoader(vertx, new DisclosureQueries(pool), cache, 1, maxCodesPerLoad, maxWaitingCodes, maxWait,
                registry);
    }

    private Connection lockRecords() throws SQLException {
        Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        sql.setAutoCommit(false);
        try (Statement s = sql.createStatement()) {
            s.execute("LOCK TABLE record_versions IN ACCESS EXCLUSIVE MODE");
        }
        return sql;
    }

    @Test
    @DisplayName("misses arriving while a load is in flight go together in the next one, and are cached once")
    void coalesces() throws Exception {
        RecordLoader loader = loader(10, 100, Duration.ofSeconds(30));
        Future<Map<String, SubjectRecords>> first;
        List<Future<Map<String, SubjectRecords>>> waiting;
        try (Connection lock = lockRecords()) {
            first = loader.load(List.of(orgCode(0)));
            Thread.sleep(200);
            waiting = List.of(loader.load(List.of(orgCode(1), orgCode(2))), loader.load(List.of(orgCode(3))),
                    loader.load(List.of(orgCode(2), orgCode(4), orgCode(5))));
            Thread.sleep(200);
            assertThat(first.isComplete()).isFalse();
            assertThat(waiting).noneMatch(Future::isComplete);
            lock.rollback();
        }
        assertThat(first.await(10, TimeUnit.SECONDS)).containsKey(orgCode(0));
        Future.all(waiting).await(10, TimeUnit.SECONDS);
        assertThat(waiting.get(0).result()).containsKeys(orgCode(1), orgCode(2));
        assertThat(waiting.get(1).result()).containsKey(orgCode(3));
        assertThat(waiting.get(2).result()).containsKeys(orgCode(2), orgCode(4), orgCode(5));

        DistributionSummary loads = registry.get("creditgate.lookup.load.subjects").summary();
        assertThat(loads.count()).as("loads").isEqualTo(2);
        // orgCode(2), asked twice, was loaded once
        assertThat(loads.totalAmount()).as("subjects loaded").isEqualTo(6);
        for (int i = 0; i <= 5; i++) {
            assertThat(cache.get(orgCode(i))).as("cached " + i).isNotNull();
        }
    }

    @Test
    @DisplayName("beyond the waiting bound a load is refused at once; one that waited too long fails when its turn "
            + "comes")
    void sheds() throws Exception {
        RecordLoader loader = loader(10, 20, Duration.ofMillis(300));
        Future<Map<String, SubjectRecords>> first;
        Future<Map<String, SubjectRecords>> stale;
        Future<Map<String, SubjectRecords>> refused;
        try (Connection lock = lockRecords()) {
            first = loader.load(List.of(orgCode(0)));
            Thread.sleep(100);
            stale = loader.load(codes(10, 20));
            refused = loader.load(codes(20, 31));
            refused.otherwiseEmpty().await(10, TimeUnit.SECONDS);
            assertThat(refused.failed()).isTrue();
            assertThat(refused.cause()).isInstanceOf(RecordLoader.LoaderBusyException.class);
            assertThat(stale.isComplete()).isFalse();
            Thread.sleep(500);
            lock.rollback();
        }
        assertThat(first.await(10, TimeUnit.SECONDS)).containsKey(orgCode(0));
        stale.otherwiseEmpty().await(10, TimeUnit.SECONDS);
        assertThat(stale.failed()).isTrue();
        assertThat(stale.cause()).isInstanceOf(RecordLoader.LoaderBusyException.class);
        // the loader goes on
        assertThat(loader.load(codes(40, 45)).await(10, TimeUnit.SECONDS)).containsKeys(orgCode(40), orgCode(44));
    }

    private static List<String> codes(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> orgCode(i)).toList();
    }
}
