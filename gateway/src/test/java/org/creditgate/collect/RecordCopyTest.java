package org.creditgate.collect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.creditgate.testing.Records;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.ndjson;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.withdraw;

/**
 * New versions reach {@code record_versions} through binary COPY: every column must arrive as the record said,
 * whatever its characters and dates, and the versions that copy their previous one (revoke, repair of a stored
 * record) must copy the version before the batch.
 */
@DisplayName("Record versions written with COPY keep every column")
class RecordCopyTest {

    private static RunningGateway gateway;
    private static String provider;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start();
        provider = gateway.createClient(new JsonObject().put("id", "copy-amr").put("name", "深圳市市场监督管理局")
                .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    @DisplayName("text with escapes, CJK and astral characters, dates on both sides of 2000-01-01, and the "
            + "submission id arrive unchanged")
    void columnsArriveUnchanged() {
        JsonObject awkward = penalty("COPY-TEXT", orgCode(7_001), "1999-12-31");
        awkward.getJsonObject("data")
                .put("facts", "引号\"反斜杠\\制表\t换行\n回车\r 😀 \u00e9 ☃ back\\\\slash")
                .put("content", "\\N \\. 末尾反斜杠\\");
        JsonObject onEpoch = penalty("COPY-EPOCH", orgCode(7_002), "2000-01-01");
        JsonObject recent = penalty("COPY-RECENT", orgCode(7_003), "2026-02-28");

        JsonObject answer = SubmissionsTest.submit(gateway, provider, "admin_penalty",
                ndjson(awkward, onEpoch, recent));
        assertThat(answer.getLong("accepted")).isEqualTo(3);
        UUID submission = UUID.fromString(answer.getString("submission_id"));

        for (JsonObject sent : List.of(awkward, onEpoch, recent)) {
            Row row = single(sent.getString("record_id"));
            assertThat(row.getInteger("version")).isEqualTo(1);
            assertThat(row.getString("action")).isEqualTo("upsert");
            assertThat(row.getString("subject_type")).isEqualTo("org");
            assertThat(row.getString("subject_code")).isEqualTo(sent.getString("subject_code"));
            assertThat(dataOf(row)).isEqualTo(sent.getJsonObject("data"));
            assertThat(row.getLocalDate("period_start"))
                    .isEqualTo(LocalDate.parse(sent.getJsonObject("data").getString("decision_date")));
            assertThat(row.getLocalDate("period_end")).isNull();
            assertThat(row.getBuffer("content_hash").length()).isEqualTo(32);
            assertThat(row.getUUID("submission_id")).isEqualTo(submission);
            assertThat(row.getOffsetDateTime("created_at")).isNotNull();
        }
    }

    @Test
    @DisplayName("in one batch: a repair copies the stored version, a revoke after an upsert of the same batch "
            + "carries that upsert, and new records go in beside them")
    void copiesAndCarriedVersionsInOneBatch() {
        String stored = orgCode(7_101);
        JsonObject first = penalty("COPY-STORED", stored, "2025-05-05");
        SubmissionsTest.submit(gateway, provider, "admin_penalty", ndjson(first));
        Row before = versions("COPY-STORED").get(0);

        JsonObject fresh = penalty("COPY-FRESH", orgCode(7_102), "2025-06-06");
        JsonObject shortLived = penalty("COPY-SHORT", orgCode(7_103), "2025-07-07");
        JsonObject answer = SubmissionsTest.submit(gateway, provider, "admin_penalty", ndjson(
                withdraw("COPY-STORED", stored, "repair"),
                fresh,
                shortLived,
                withdraw("COPY-SHORT", shortLived.getString("subject_code"), "revoke"),
                withdraw("COPY-STORED", stored, "revoke")));
        assertThat(answer.getLong("accepted")).isEqualTo(5);

        List<Row> storedVersions = versions("COPY-STORED");
        assertThat(storedVersions).extracting(r -> r.getString("action"))
                .containsExactly("upsert", "repair", "revoke");
        for (Row later : storedVersions.subList(1, 3)) {
            assertThat(dataOf(later)).isEqualTo(first.getJsonObject("data"));
            assertThat(later.getBuffer("content_hash")).isEqualTo(before.getBuffer("content_hash"));
            assertThat(later.getLocalDate("period_start")).isEqualTo(LocalDate.parse("2025-05-05"));
        }

        List<Row> shortVersions = versions("COPY-SHORT");
        assertThat(shortVersions).extracting(r -> r.getString("action")).containsExactly("upsert", "revoke");
        assertThat(dataOf(shortVersions.get(1))).isEqualTo(shortLived.getJsonObject("data"));
        assertThat(shortVersions.get(1).getBuffer("content_hash"))
                .isEqualTo(shortVersions.get(0).getBuffer("content_hash"));
        assertThat(shortVersions.get(1).getLocalDate("period_start")).isEqualTo(LocalDate.parse("2025-07-07"));

        assertThat(versions("COPY-FRESH")).singleElement()
                .satisfies(row -> assertThat(dataOf(row)).isEqualTo(fresh.getJsonObject("data")));
    }

    /** A penalty whose fine is a number as the store keeps it (a decimal string is stored as its number). */
    private static JsonObject penalty(String recordId, String subject, String decisionDate) {
        JsonObject record = Records.penalty(recordId, subject, decisionDate);
        record.getJsonObject("data").put("fine_amount", 2.5);
        return record;
    }

    private static JsonObject dataOf(Row row) {
        return new JsonObject(row.getString("data"));
    }

    private static Row single(String recordId) {
        List<Row> rows = versions(recordId);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static List<Row> versions(String recordId) {
        return StreamSupport.stream(gateway.pool().preparedQuery("SELECT version, action, subject_type, "
                        + "subject_code, data::text AS data, content_hash, period_start, period_end, submission_id, "
                        + "created_at FROM record_versions WHERE provider = 'copy-amr' AND record_id = $1 "
                        + "ORDER BY version")
                .execute(Tuple.of(recordId)).await().spliterator(), false).toList();
    }
}
