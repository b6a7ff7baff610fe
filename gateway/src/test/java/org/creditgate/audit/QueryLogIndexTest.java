package org.creditgate.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.creditgate.testing.RunningGateway;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.orgCode;

/**
 * The query log's subject index holds hashes of the codes (V6): the queries by subject must say so in the form the
 * index was built on, or PostgreSQL would read the whole log for every subject's history.
 */
@DisplayName("Query log subject index")
class QueryLogIndexTest {

    private static RunningGateway gateway;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start(TestPostgres.freshDatabase(), config -> config);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    @DisplayName("a subject's history uses the index, and a query by subject finds exactly its entries")
    void queriesBySubjectUseTheIndex() {
        String site = gateway.createClient(new JsonObject().put("id", "ix-site").put("name", "ix").put("role", "public"));
        String first = orgCode(7101);
        String second = orgCode(7102);
        gateway.post("/v1/lookups", site, new JsonObject().put("subjects", new JsonArray().add(first).add(second)));
        gateway.post("/v1/lookups", site, new JsonObject().put("subjects", new JsonArray().add(second)));

        // the log is partitioned by month: each partition's copy of the index is scanned on the hashed keys
        assertThat(plan(QueryHistoryQueries.HISTORY))
                .anyMatch(line -> line.contains("Index Cond: (query_log_subject_keys(subjects) @>"))
                .noneMatch(line -> line.contains("Seq Scan on query_log"));

        String bySubject = "SELECT count(*) FROM query_log WHERE query_log_subject_keys(subjects) "
                + "@> ARRAY[hashtextextended($1, 0)] AND subjects @> ARRAY[$1]::text[]";
        assertThat(count(bySubject, first)).isEqualTo(1);
        assertThat(count(bySubject, second)).isEqualTo(2);
        assertThat(count(bySubject, orgCode(7103))).isZero();
    }

    /** The generic plan (what a prepared statement ends up with), with sequential scans priced out of reach. */
    private static List<String> plan(String sql) {
        RowSet<Row> rows = gateway.pool().withConnection(conn -> conn.query("SET enable_seqscan = off").execute()
                .compose(ignored -> conn.query("EXPLAIN (GENERIC_PLAN) " + sql).execute())
                .eventually(() -> conn.query("RESET enable_seqscan").execute())).await();
        List<String> lines = new ArrayList<>();
        rows.forEach(row -> lines.add(row.getString(0)));
        return lines;
    }

    private static long count(String sql, String code) {
        return gateway.pool().preparedQuery(sql).execute(io.vertx.sqlclient.Tuple.of(code)).await()
                .iterator().next().getLong(0);
    }
}
