package org.creditgate.collect;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

@DisplayName("Planner statistics of record_versions kept fresh after bulk collection")
class RecordStatisticsTest {

    @Test
    @DisplayName("after 20,000 records the gateway has record_versions analyzed within seconds, and the planner "
            + "then knows a subject has a handful of rows, not thousands")
    void analyzedAfterBulkLoad() throws Exception {
        try (RunningGateway gateway = RunningGateway.start()) {
            String provider = gateway.createClient(new JsonObject().put("id", "stats-amr").put("name", "市场监管")
                    .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
            assertThat(lastAnalyze(gateway)).as("never analyzed before the load").isNull();

            Buffer body = Buffer.buffer();
            for (int i = 0; i < 20_000; i++) {
                body.appendString(penalty("STAT-" + i, orgCode(i % 5_000), "2025-05-01").encode()).appendString("\n");
            }
            JsonObject answer = SubmissionsTest.submit(gateway, provider, "admin_penalty", body);
            assertThat(answer.getLong("accepted")).isEqualTo(20_000);

            // autovacuum records last_autoanalyze; last_analyze is the gateway's call (migration V8)
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (lastAnalyze(gateway) == null && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(lastAnalyze(gateway)).as("analyzed by the gateway").isNotNull();
            assertThat(estimatedRows(gateway, orgCode(7))).isBetween(1L, 50L);
            // the analysis covers the columns queries select by, and skips the data (migration V9)
            assertThat(analyzedColumns(gateway)).contains("subject_code", "provider", "category", "record_id")
                    .doesNotContain("data", "content_hash", "submission_id");
            // nothing changed since: the next checks leave the table alone
            assertThat(gateway.pool().query("SELECT record_versions_refresh_statistics()").execute().await()
                    .iterator().next().getBoolean(0)).isFalse();
        }
    }

    private static Object lastAnalyze(RunningGateway gateway) {
        Row row = gateway.pool().query("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'record_versions'")
                .execute().await().iterator().next();
        return row.getValue(0);
    }

    private static List<String> analyzedColumns(RunningGateway gateway) {
        List<String> columns = new ArrayList<>();
        gateway.pool().query("SELECT attname FROM pg_stats WHERE tablename = 'record_versions'").execute().await()
                .forEach(row -> columns.add(row.getString(0)));
        return columns;
    }

    private static long estimatedRows(RunningGateway gateway, String code) {
        String plan = gateway.pool().query("EXPLAIN (FORMAT JSON) SELECT * FROM record_versions WHERE subject_code = '"
                + code + "'").execute().await().iterator().next().getValue(0).toString();
        return new JsonArray(plan).getJsonObject(0).getJsonObject("Plan").getLong("Plan Rows");
    }
}
