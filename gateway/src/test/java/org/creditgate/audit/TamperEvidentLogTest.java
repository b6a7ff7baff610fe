package org.creditgate.audit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import org.creditgate.config.DatabaseUrl;
import org.creditgate.config.GatewayConfig;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.creditgate.testing.ProblemAssertions.assertProblem;
import static org.creditgate.testing.Records.ndjson;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

/**
 * The logs are append-only and any change is detectable (DOMAIN.md "Logs"): black-box over HTTP, each test on a
 * database of its own, with the database owner's rights standing in for someone tampering with the logs.
 */
@DisplayName("Tamper-evident logs")
class TamperEvidentLogTest {

    private static final int SUBMISSIONS = 3;
    private static final int LOOKUPS = 4;
    private static final int ENTRIES = SUBMISSIONS + LOOKUPS;

    private RunningGateway gateway;
    private LogTampering logs;
    private String provider;

    @BeforeEach
    void start() {
        gateway = RunningGateway.start();
        logs = new LogTampering(gateway.pool());
        provider = gateway.createClient(new JsonObject().put("id", "t-amr").put("name", "市场监管局")
                .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
        String agency = gateway.createClient(new JsonObject().put("id", "t-agency").put("name", "征信机构")
                .put("role", "agency"));
        for (int i = 0; i < SUBMISSIONS; i++) {
            HttpResponse<Buffer> submitted = gateway.post("/v1/submissions/admin_penalty", provider,
                    "application/x-ndjson", ndjson(penalty("T-" + i, orgCode(i), "2026-04-01")));
            assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(200);
        }
        for (int i = 0; i < LOOKUPS; i++) {
            // every lookup names a different subject, so no two query entries have the same content
            HttpResponse<Buffer> looked = gateway.post("/v1/lookups", agency, new JsonObject()
                    .put("subjects", new JsonArray().add(orgCode(i))).put("reason", "贷前审查 " + i));
            assertThat(looked.statusCode()).as(looked.bodyAsString()).isEqualTo(200);
        }
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private JsonObject verify() {
        HttpResponse<Buffer> response = gateway.get("/v1/audit/verify", gateway.adminKey());
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        return response.bodyAsJsonObject();
    }

    private void assertBrokenAt(JsonObject result, long seq, String problem) {
        assertThat(result.getBoolean("ok")).as(result.encode()).isFalse();
        assertThat(result.getLong("first_bad_entry")).as(result.encode()).isEqualTo(seq);
        assertThat(result.getString("problem")).isEqualTo(problem);
        assertThat(result.getString("detail")).isNotBlank();
        assertThat(result.containsKey("head")).isFalse();
    }

    @Test
    @DisplayName("after submissions and lookups the chain verifies: one entry each, numbered 1..n across both logs")
    void intact() {
        List<Long> all = new ArrayList<>(logs.seqs("collection_log"));
        all.addAll(logs.seqs("query_log"));
        assertThat(logs.seqs("collection_log")).hasSize(SUBMISSIONS);
        assertThat(all).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L);

        JsonObject result = verify();
        assertThat(result.getBoolean("ok")).as(result.encode()).isTrue();
        assertThat(result.getLong("entries")).isEqualTo(ENTRIES);
        assertThat(result.getString("head")).matches("[0-9a-f]{64}").isEqualTo(logs.headHex());
        assertThat(logs.headSeq()).isEqualTo(ENTRIES);
    }

    @Test
    @DisplayName("an edited entry is reported by its seq")
    void editedEntry() {
        long seq = logs.seqs("query_log").get(1);
        logs.tamper("query_log", "UPDATE query_log SET reason = '无' WHERE seq = " + seq);
        JsonObject result = verify();
        assertBrokenAt(result, seq, "hash_mismatch");
        assertThat(result.getLong("entries")).isEqualTo(ENTRIES);
    }

    @Test
    @DisplayName("an edited count in the collection log is reported by its seq")
    void editedCollectionEntry() {
        long seq = logs.seqs("collection_log").get(0);
        logs.tamper("collection_log", "UPDATE collection_log SET rejected = rejected + 1 WHERE seq = " + seq);
        assertBrokenAt(verify(), seq, "hash_mismatch");
    }

    @Test
    @DisplayName("a deleted entry is reported by its seq")
    void deletedEntry() {
        long seq = logs.seqs("collection_log").get(1);
        logs.tamper("collection_log", "DELETE FROM collection_log WHERE seq = " + seq);
        JsonObject result = verify();
        assertBrokenAt(result, seq, "missing_entry");
        assertThat(result.getLong("entries")).isEqualTo(ENTRIES - 1);
    }

    @Test
    @DisplayName("the last entry deleted is reported: it no longer reaches the head")
    void deletedLastEntry() {
        logs.tamper("query_log", "DELETE FROM query_log WHERE seq = " + ENTRIES);
        assertBrokenAt(verify(), ENTRIES, "head_mismatch");
    }

    @Test
    @DisplayName("two entries whose contents were swapped are reported at the first of them")
    void swappedContents() {
        List<Long> seqs = logs.seqs("query_log");
        long first = seqs.get(0);
        long second = seqs.get(2);
        logs.tamper("query_log", """
                UPDATE query_log q SET subjects = o.subjects, reason = o.reason
                FROM query_log o
                WHERE (q.seq, o.seq) IN ((%1$d, %2$d), (%2$d, %1$d))""".formatted(first, second));
        assertBrokenAt(verify(), first, "hash_mismatch");
    }

    @Test
    @DisplayName("two entries that swapped places in the chain are reported at the first of them")
    void reordered() {
        List<Long> seqs = logs.seqs("query_log");
        long first = seqs.get(0);
        long second = seqs.get(3);
        logs.tamper("query_log", """
                UPDATE query_log SET seq = -1 WHERE seq = %1$d;
                UPDATE query_log SET seq = %1$d WHERE seq = %2$d;
                UPDATE query_log SET seq = %2$d WHERE seq = -1""".formatted(first, second));
        assertBrokenAt(verify(), first, "prev_hash_mismatch");
    }

    @Test
    @DisplayName("the application role may not UPDATE, DELETE or TRUNCATE the logs, nor move the head")
    void applicationRoleRefused() {
        Pool app = gateway.gatewayPool();
        assertThat(app.query("SELECT current_user").execute().await().iterator().next().getString(0))
                .isEqualTo("creditgate_app");
        for (String sql : List.of("UPDATE query_log SET reason = 'x'", "DELETE FROM query_log",
                "TRUNCATE query_log", "UPDATE collection_log SET accepted = 0", "DELETE FROM collection_log",
                "UPDATE log_chain SET seq = seq + 1", "DELETE FROM log_checkpoints", "DELETE FROM log_anchors",
                "INSERT INTO log_anchors (seq, hash, entries, signed_at, public_key, signature, months) "
                        + "VALUES (1, sha256(''), 1, now(), '\\x00', sha256('') || sha256(''), '{}')",
                "DELETE FROM " + currentPartition("query_log"), "SELECT * FROM " + currentPartition("query_log"))) {
            assertThatThrownBy(() -> app.query(sql).execute().await()).as(sql)
                    .isInstanceOfSatisfying(PgException.class, e -> {
                        assertThat(e.getSqlState()).isEqualTo("42501");
                        assertThat(e.getErrorMessage()).startsWith("permission denied");
                    });
        }
        assertThatThrownBy(() -> app.query("DROP TABLE " + currentPartition("query_log")).execute().await())
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.getSqlState()).isEqualTo("42501"));
        // retention may not drop anything younger than two years, whatever the caller asks
        assertThatThrownBy(() -> app.query("SELECT log_drop_prefix(date_trunc('month', now())::date, NULL, NULL, "
                + "NULL, NULL, NULL)").execute().await())
                .isInstanceOfSatisfying(PgException.class,
                        e -> assertThat(e.getErrorMessage()).contains("younger than two years"));
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Test
    @DisplayName("the owner's UPDATE, DELETE and TRUNCATE are refused too, also in replica mode; the head only advances")
    void ownerRefused() {
        Pool owner = gateway.pool();
        for (String sql : List.of("UPDATE query_log SET reason = 'x'", "DELETE FROM query_log", "TRUNCATE query_log",
                "UPDATE collection_log SET accepted = 0", "DELETE FROM collection_log", "TRUNCATE collection_log",
                "DELETE FROM log_checkpoints", "DELETE FROM log_anchors", "DELETE FROM log_chain",
                "DELETE FROM " + currentPartition("query_log"), "TRUNCATE " + currentPartition("collection_log"),
                "UPDATE " + currentPartition("collection_log") + " SET accepted = 0")) {
            assertThatThrownBy(() -> owner.query(sql).execute().await()).as(sql)
                    .isInstanceOfSatisfying(PgException.class, e -> {
                        assertThat(e.getSqlState()).isEqualTo("23000");
                        assertThat(e.getErrorMessage()).contains("append-only");
                    });
        }
        assertThatThrownBy(() -> owner.withConnection(c -> c.query("SET session_replication_role = replica")
                .execute().compose(ignored -> c.query("DELETE FROM query_log").execute())).await())
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.getErrorMessage()).contains("append-only"));
        assertThatThrownBy(() -> owner.query("UPDATE log_chain SET seq = 0").execute().await())
                .isInstanceOfSatisfying(PgException.class,
                        e -> assertThat(e.getErrorMessage()).contains("only moves forward"));
        assertThat(verify().getLong("entries")).isEqualTo(ENTRIES);
    }

    @Test
    @DisplayName("an insert whose own seq and hashes do not continue the chain is refused; one without them is "
            + "chained by the database")
    void forgedInsertIsRefused() {
        assertThatThrownBy(() -> gateway.gatewayPool().query("""
                INSERT INTO query_log (query_id, client_id, role, channel, reason, subjects, categories, seq,
                                       prev_hash, hash)
                VALUES (gen_random_uuid(), 'x', 'agency', 'api', 'r', '{}', '{}', 2, '\\x00', '\\x00')""")
                .execute().await())
                .isInstanceOfSatisfying(PgException.class, e -> {
                    assertThat(e.getSqlState()).isEqualTo("23000");
                    assertThat(e.getErrorMessage()).contains("do not continue the log chain");
                });
        gateway.gatewayPool().query("""
                INSERT INTO query_log (query_id, client_id, role, channel, reason, subjects, categories)
                VALUES (gen_random_uuid(), 'x', 'agency', 'api', 'r', '{}', '{}')""")
                .execute().await();
        JsonObject result = verify();
        assertThat(result.getBoolean("ok")).as(result.encode()).isTrue();
        assertThat(result.getLong("entries")).isEqualTo(ENTRIES + 1);
        assertThat(logs.seqs("query_log")).contains((long) ENTRIES + 1);
    }

    @Test
    @DisplayName("only the operator may verify or list checkpoints")
    void adminOnly() {
        assertProblem(gateway.get("/v1/audit/verify", provider), 403, "FORBIDDEN");
        assertProblem(gateway.get("/v1/audit/checkpoints", provider), 403, "FORBIDDEN");
        assertProblem(gateway.get("/v1/audit/verify", null), 401, "UNAUTHENTICATED");
    }

    @Test
    @DisplayName("the offline verify-log agrees with the API, intact and tampered; bad arguments exit 2")
    void offlineCheckAgrees() throws Exception {
        VerifyLogRun intact = VerifyLogRun.of(gateway.database());
        assertThat(intact.exitCode()).as(intact.stderr()).isZero();
        assertThat(intact.json()).isEqualTo(verify());

        long seq = logs.seqs("query_log").get(0);
        logs.tamper("query_log", "UPDATE query_log SET subjects = '{}' WHERE seq = " + seq);
        VerifyLogRun tampered = VerifyLogRun.of(gateway.database());
        assertThat(tampered.exitCode()).as(tampered.stderr()).isEqualTo(1);
        assertThat(tampered.json()).isEqualTo(verify());
        assertThat(tampered.json().getLong("first_bad_entry")).isEqualTo(seq);

        VerifyLogRun noUrl = VerifyLogRun.of(List.of());
        assertThat(noUrl.exitCode()).isEqualTo(2);
        assertThat(noUrl.stderr()).contains("--db-url is required");
        assertThat(noUrl.stdout()).isEmpty();
    }

    @Test
    @DisplayName("signed checkpoints vouch for the head; a chain recomputed after an edit no longer matches them")
    void checkpoints(@TempDir Path keys) throws Exception {
        gateway.close();
        gateway = RunningGateway.start(gateway.database(),
                config -> config.withAudit(new GatewayConfig.Audit(Duration.ofMillis(100),
                        config.audit().retentionMonths(), config.audit().maintenanceInterval(), List.of())));
        logs = new LogTampering(gateway.pool());

        JsonObject listed = awaitCheckpointAt(ENTRIES);
        String publicKey = listed.getString("public_key");
        JsonObject checkpoint = listed.getJsonArray("checkpoints").getJsonObject(0);
        assertThat(checkpoint.getLong("entries")).isEqualTo(ENTRIES);
        assertThat(checkpoint.getString("head")).isEqualTo(logs.headHex());
        assertThat(checkpoint.getString("public_key")).isEqualTo(publicKey);
        assertThat(CheckpointSigner.signatureValid(new Checkpoint(ENTRIES, hex(checkpoint.getString("head")), ENTRIES,
                java.time.Instant.parse(checkpoint.getString("signed_at")), Base64.getDecoder().decode(publicKey),
                Base64.getDecoder().decode(checkpoint.getString("signature"))))).isTrue();
        JsonObject intact = verify();
        assertThat(intact.getBoolean("ok")).isTrue();
        assertThat(intact.getLong("checkpoints")).isGreaterThanOrEqualTo(1);

        long seq = logs.seqs("query_log").get(2);
        logs.rewriteFrom(seq, "改写");
        assertBrokenAt(verify(), 1, "checkpoint_mismatch");

        Path ours = Files.writeString(keys.resolve("ours.pub"), publicKey);
        VerifyLogRun pinned = VerifyLogRun.of(List.of("--db-url", VerifyLogRun.url(gateway.database()),
                "--public-key", ours.toString()));
        assertThat(pinned.exitCode()).isEqualTo(1);
        assertThat(pinned.json().getString("problem")).isEqualTo("checkpoint_mismatch");

        Path theirs = keys.resolve("theirs");
        Path theirKey = Files.writeString(keys.resolve("theirs.pub"),
                CheckpointSigner.loadOrCreate(theirs).publicKeyBase64());
        VerifyLogRun untrusted = VerifyLogRun.of(List.of("--db-url", VerifyLogRun.url(gateway.database()),
                "--public-key", theirKey.toString()));
        assertThat(untrusted.json().getString("problem")).isEqualTo("checkpoint_invalid");
    }

    /** The partition of this month's entries of {@code log}. */
    private String currentPartition(String log) {
        return gateway.pool().query("SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = '"
                + log + "'::regclass ORDER BY name").execute().await().iterator().next().getString("name");
    }

    private JsonObject awaitCheckpointAt(long seq) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            HttpResponse<Buffer> response = gateway.get("/v1/audit/checkpoints", gateway.adminKey());
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            JsonObject body = response.bodyAsJsonObject();
            JsonArray checkpoints = body.getJsonArray("checkpoints");
            if (!checkpoints.isEmpty() && checkpoints.getJsonObject(0).getLong("seq") == seq) {
                return body;
            }
            assertThat(System.currentTimeMillis()).as("a checkpoint at " + seq + " within 10 s: " + body.encode())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static byte[] hex(String text) {
        return java.util.HexFormat.of().parseHex(text);
    }

    /** {@code creditgate verify-log} in a JVM of its own, as an operator runs it. */
    record VerifyLogRun(int exitCode, String stdout, String stderr) {

        static String url(DatabaseUrl database) {
            return "postgresql://" + database.user() + "@" + database.host() + ":" + database.port() + "/"
                    + database.database();
        }

        static VerifyLogRun of(DatabaseUrl database) throws IOException, InterruptedException {
            return of(List.of("--db-url", url(database)));
        }

        static VerifyLogRun of(List<String> arguments) throws IOException, InterruptedException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-cp",
                    System.getProperty("java.class.path"), "org.creditgate.Main", "verify-log"));
            command.addAll(arguments);
            Path out = Files.createTempFile("verify-log", ".out");
            Path err = Files.createTempFile("verify-log", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("verify-log did not finish within 60 s");
                }
                return new VerifyLogRun(process.exitValue(), Files.readString(out).strip(), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }

        JsonObject json() {
            return new JsonObject(stdout);
        }
    }
}
