package org.creditgate.audit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import org.creditgate.calendar.PlatformCalendar;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.testing.RunningGateway;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.ndjson;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

/**
 * Retention drops whole months older than the retention period (5 years by default) and leaves what remains
 * verifiable from a signed anchor: black-box, with entries six years old written first into a fresh database.
 */
@DisplayName("Log retention")
class LogRetentionTest {

    private static final int OLD_ENTRIES = 3;

    @Test
    @DisplayName("drops an expired month's partitions, records a signed anchor, and the rest still verifies")
    void dropsExpiredMonth(@TempDir Path keys) throws Exception {
        DatabaseUrl database = TestPostgres.freshDatabase();
        ZonedDateTime sixYearsAgo = ZonedDateTime.now(PlatformCalendar.ZONE).minusYears(6).withDayOfMonth(10);
        String oldMonth = String.format("_y%04dm%02d", sixYearsAgo.getYear(), sixYearsAgo.getMonthValue());
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement()) {
            String at = "'" + sixYearsAgo.toOffsetDateTime() + "'";
            s.execute("SELECT log_ensure_partitions(" + at + ", " + at + ")");
            for (int i = 0; i < OLD_ENTRIES - 1; i++) {
                s.execute("INSERT INTO query_log (query_id, client_id, role, channel, reason, subjects, categories, "
                        + "logged_at) VALUES (gen_random_uuid(), 'old-agency', 'agency', 'api', '旧查询', "
                        + "'{914403001922038216}', '{}', " + at + ")");
            }
            s.execute("INSERT INTO collection_log (submission_id, provider, category, channel, received, accepted, "
                    + "rejected, outcome, started_at, logged_at) VALUES (gen_random_uuid(), 'old-amr', "
                    + "'admin_penalty', 'api', 1, 1, 0, 'complete', " + at + ", " + at + ")");
            assertThat(JdbcChainCheck.verify(c, List.of()).entries()).isEqualTo(OLD_ENTRIES);
        }

        try (RunningGateway gateway = RunningGateway.start(database, config -> config)) {
            // the gateway's maintenance runs at start; the old month's partitions go
            awaitDropped(gateway, "query_log" + oldMonth);
            assertThat(exists(gateway, "collection_log" + oldMonth)).isFalse();

            String provider = gateway.createClient(new JsonObject().put("id", "r-amr").put("name", "市场监管局")
                    .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
            HttpResponse<Buffer> submitted = gateway.post("/v1/submissions/admin_penalty", provider,
                    "application/x-ndjson", ndjson(penalty("R-1", orgCode(1), "2026-04-01")));
            assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(200);

            JsonObject verified = gateway.get("/v1/audit/verify", gateway.adminKey()).bodyAsJsonObject();
            assertThat(verified.getBoolean("ok")).as(verified.encode()).isTrue();
            assertThat(verified.getLong("entries")).isEqualTo(1);
            assertThat(verified.getLong("anchor")).isEqualTo(OLD_ENTRIES);
            assertThat(verified.getString("head")).hasSize(64);

            // the anchor is signed with the gateway's key, as served with the checkpoints
            String publicKey = gateway.get("/v1/audit/checkpoints", gateway.adminKey()).bodyAsJsonObject()
                    .getString("public_key");
            Row anchor = gateway.pool().query("SELECT seq, hash, entries, signed_at, public_key, signature, months "
                    + "FROM log_anchors").execute().await().iterator().next();
            assertThat(anchor.getLong("seq")).isEqualTo(OLD_ENTRIES);
            assertThat(anchor.getArrayOfLocalDates("months")).hasSize(1);
            assertThat(CheckpointSigner.signatureValid(new Checkpoint(anchor.getLong("seq"),
                    anchor.getBuffer("hash").getBytes(), anchor.getLong("entries"),
                    anchor.getOffsetDateTime("signed_at").toInstant(), Base64.getDecoder().decode(publicKey),
                    anchor.getBuffer("signature").getBytes()))).isTrue();

            // offline, pinned to that key, too
            Path ours = Files.writeString(keys.resolve("ours.pub"), publicKey);
            TamperEvidentLogTest.VerifyLogRun offline = TamperEvidentLogTest.VerifyLogRun.of(List.of("--db-url",
                    TamperEvidentLogTest.VerifyLogRun.url(database), "--public-key", ours.toString()));
            assertThat(offline.exitCode()).as(offline.stderr()).isZero();
            assertThat(offline.json().getLong("anchor")).isEqualTo(OLD_ENTRIES);

            // without the anchor, the remaining chain no longer starts from a known point
            gateway.pool().query("ALTER TABLE log_anchors DISABLE TRIGGER log_anchors_append_only; "
                    + "DELETE FROM log_anchors; "
                    + "ALTER TABLE log_anchors ENABLE ALWAYS TRIGGER log_anchors_append_only").execute().await();
            JsonObject broken = gateway.get("/v1/audit/verify", gateway.adminKey()).bodyAsJsonObject();
            assertThat(broken.getBoolean("ok")).as(broken.encode()).isFalse();
            assertThat(broken.getLong("first_bad_entry")).isEqualTo(1);
            assertThat(broken.getString("problem")).isEqualTo("missing_entry");
        }
    }

    @Test
    @DisplayName("a month is kept while a later month holds an earlier entry (the chain loses only a prefix)")
    void keepsMonthThatIsNotAPrefix() throws SQLException {
        DatabaseUrl database = TestPostgres.freshDatabase();
        ZonedDateTime sixYearsAgo = ZonedDateTime.now(PlatformCalendar.ZONE).minusYears(6).withDayOfMonth(10);
        String older = "'" + sixYearsAgo.toOffsetDateTime() + "'";
        String newer = "'" + sixYearsAgo.plusMonths(1).toOffsetDateTime() + "'";
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.execute("SELECT log_ensure_partitions(" + older + ", " + newer + ")");
            // the later month's entry is chained first
            for (String at : List.of(newer, older)) {
                s.execute("INSERT INTO query_log (query_id, client_id, role, channel, subjects, categories, "
                        + "logged_at) VALUES (gen_random_uuid(), 'a', 'agency', 'api', '{}', '{}', " + at + ")");
            }
            String cutoff = "'" + sixYearsAgo.plusMonths(1).withDayOfMonth(1).toOffsetDateTime() + "'";
            try (ResultSet rows = s.executeQuery("SELECT * FROM log_expired_prefix(" + cutoff + ")")) {
                assertThat(rows.next()).as("the older month alone is not a prefix").isFalse();
            }
            String later = "'" + sixYearsAgo.plusMonths(2).withDayOfMonth(1).toOffsetDateTime() + "'";
            try (ResultSet rows = s.executeQuery("SELECT * FROM log_expired_prefix(" + later + ")")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong("last_seq")).as("both months together are").isEqualTo(2);
            }
        }
    }

    private static void awaitDropped(RunningGateway gateway, String table) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (exists(gateway, table)) {
            assertThat(System.currentTimeMillis()).as(table + " dropped within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static boolean exists(RunningGateway gateway, String table) {
        return gateway.pool().preparedQuery("SELECT to_regclass($1) IS NOT NULL AS present")
                .execute(io.vertx.sqlclient.Tuple.of(table)).await().iterator().next().getBoolean("present");
    }
}
