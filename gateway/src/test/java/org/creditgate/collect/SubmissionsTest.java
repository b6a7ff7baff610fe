package org.creditgate.collect;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;
import static org.creditgate.testing.Records.ndjson;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;
import static org.creditgate.testing.Records.personCode;
import static org.creditgate.testing.Records.withdraw;

@DisplayName("Submissions over HTTP: validation, versions, ownership, logs")
class SubmissionsTest {

    private static final String NDJSON = "application/x-ndjson";
    private static RunningGateway gateway;
    private static String amr;
    private static String otherAmr;
    private static String tax;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start();
        amr = gateway.createClient(new JsonObject().put("id", "sz-amr").put("name", "深圳市市场监督管理局")
                .put("role", "provider").put("categories", new JsonArray().add("admin_penalty").add("admin_license")));
        otherAmr = gateway.createClient(new JsonObject().put("id", "gz-amr").put("name", "广州市市场监督管理局")
                .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));
        tax = gateway.createClient(new JsonObject().put("id", "sz-tax").put("name", "深圳市税务局")
                .put("role", "provider").put("categories", new JsonArray().add("tax_arrears")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static JsonObject submit(String key, String category, Buffer body) {
        return submit(gateway, key, category, body);
    }

    static JsonObject submit(RunningGateway gateway, String key, String category, Buffer body) {
        HttpResponse<Buffer> response = gateway.post("/v1/submissions/" + category, key, NDJSON, body);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    static List<Row> versions(String provider, String recordId) {
        return StreamSupport.stream(gateway.pool().preparedQuery("SELECT version, action, subject_code, data, "
                        + "period_start FROM record_versions WHERE provider = $1 AND record_id = $2 ORDER BY version")
                .execute(Tuple.of(provider, recordId)).await().spliterator(), false).toList();
    }

    @Test
    @DisplayName("valid records are committed as version 1 and counted; the answer carries a submission id")
    void acceptsValidRecords() {
        JsonObject result = submit(amr, "admin_penalty", ndjson(
                penalty("OK-1", orgCode(1), "2025-06-01"), penalty("OK-2", orgCode(2), "2025-06-02")));
        assertThat(result.getLong("received")).isEqualTo(2);
        assertThat(result.getLong("accepted")).isEqualTo(2);
        assertThat(result.getLong("rejected")).isZero();
        assertThat(result.getJsonArray("errors")).isEmpty();
        assertThat(result.getBoolean("errors_truncated")).isFalse();
        assertThat(result.getString("category")).isEqualTo("admin_penalty");
        assertThat(result.getString("submission_id")).isNotBlank();
        List<Row> stored = versions("sz-amr", "OK-1");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getInteger("version")).isEqualTo(1);
        assertThat(stored.get(0).getString("subject_code")).isEqualTo(orgCode(1));
        assertThat(stored.get(0).getLocalDate("period_start")).hasToString("2025-06-01");
    }

    @Test
    @DisplayName("the stored data is the canonical data: escapes, Chinese text and characters beyond the BMP intact")
    void storesCanonicalData() {
        JsonObject record = penalty("TEXT-1", orgCode(3), "2025-06-03");
        String facts = "经查：引号\" 反斜杠\\ 斜杠/ 制表\t 换行\n 回车\r 𠀀𝄞😀 café \u00a0 \u2028 end";
        record.getJsonObject("data").put("facts", facts).put("fine_amount", "0020.500");
        assertThat(submit(amr, "admin_penalty", ndjson(record)).getLong("accepted")).isEqualTo(1);
        String canonical = ((ValidRecord) new RecordValidator(TestCategories.adminPenalty())
                .validate(record.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8), 1)).canonicalData();

        // as text: a Java string given for a jsonb parameter would be sent as a JSON string
        Row stored = gateway.pool().preparedQuery("SELECT data = $1::text::jsonb AS same, data ->> 'facts' AS facts, "
                        + "data -> 'fine_amount' AS fine FROM record_versions WHERE provider = $2 AND record_id = $3")
                .execute(Tuple.of(canonical, "sz-amr", "TEXT-1")).await().iterator().next();
        assertThat(stored.getBoolean("same")).isTrue();
        assertThat(stored.getString("facts")).isEqualTo(facts);
        assertThat(stored.getValue("fine").toString()).isEqualTo("20.5");
    }

    @Test
    @DisplayName("every per-record error code is reported with line, record id, code and field; good lines still go in")
    void perRecordErrors() {
        JsonObject badDate = penalty("E-DATE", orgCode(10), "2026-02-30");
        JsonObject missing = penalty("E-MISS", orgCode(11), "2025-01-01");
        missing.getJsonObject("data").remove("decision_no");
        JsonObject unknown = penalty("E-UNK", orgCode(12), "2025-01-01");
        unknown.getJsonObject("data").put("favourite_colour", "blue");
        JsonObject prohibited = penalty("E-PROH", orgCode(13), "2025-01-01");
        prohibited.getJsonObject("data").put("religion", "x");
        JsonObject badCode = penalty("E-CODE", "914403001922038217", "2025-01-01");
        Buffer body = Buffer.buffer()
                .appendString(penalty("GOOD-1", orgCode(14), "2025-01-01").encode() + "\n")   // line 1
                .appendString("{not json\n")                                                // line 2
                .appendString(badDate.encode() + "\n")                                      // line 3
                .appendString("\n")                                                         // line 4 (skipped)
                .appendString(missing.encode() + "\n")                                      // line 5
                .appendString(unknown.encode() + "\n")                                      // line 6
                .appendString(prohibited.encode() + "\n")                                   // line 7
                .appendString(badCode.encode() + "\n")                                      // line 8
                .appendString(withdraw("NEVER-SENT", orgCode(15), "revoke").encode() + "\n")  // line 9
                .appendString("{\"record_id\":\"BIG\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}\n") // line 10
                .appendString(penalty("GOOD-2", orgCode(16), "2025-01-01").encode() + "\n");  // line 11
        JsonObject result = submit(amr, "admin_penalty", body);
        assertThat(result.getLong("received")).isEqualTo(10);
        assertThat(result.getLong("accepted")).isEqualTo(2);
        assertThat(result.getLong("rejected")).isEqualTo(8);
        Map<Long, JsonObject> byLine = result.getJsonArray("errors").stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(e -> e.getLong("line"), e -> e));
        assertThat(byLine.get(2L).getString("code")).isEqualTo("INVALID_JSON");
        assertError(byLine.get(3L), "E-DATE", "INVALID_VALUE", "decision_date");
        assertError(byLine.get(5L), "E-MISS", "MISSING_FIELD", "decision_no");
        assertError(byLine.get(6L), "E-UNK", "UNKNOWN_FIELD", "favourite_colour");
        assertError(byLine.get(7L), "E-PROH", "PROHIBITED_FIELD", "religion");
        assertError(byLine.get(8L), "E-CODE", "INVALID_SUBJECT_CODE", "subject_code");
        assertError(byLine.get(9L), "NEVER-SENT", "UNKNOWN_RECORD", "record_id");
        assertThat(byLine.get(10L).getString("code")).isEqualTo("RECORD_TOO_LARGE");
        assertThat(result.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getLong("line")).toList())
                .isSorted();
        // nothing of a refused record is stored
        assertThat(versions("sz-amr", "E-PROH")).isEmpty();
        assertThat(versions("sz-amr", "GOOD-2")).hasSize(1);
        // messages never echo the submitted values
        assertThat(result.encode()).doesNotContain("2026-02-30").doesNotContain("914403001922038217");
    }

    private static void assertError(JsonObject error, String recordId, String code, String field) {
        assertThat(error).as("error for " + recordId).isNotNull();
        assertThat(error.getString("record_id")).isEqualTo(recordId);
        assertThat(error.getString("code")).isEqualTo(code);
        assertThat(error.getString("field")).isEqualTo(field);
        assertThat(error.getString("message")).isNotBlank();
    }

    @Test
    @DisplayName("a person in an org-only category is SUBJECT_TYPE_NOT_ALLOWED")
    void subjectTypeNotAllowed() {
        JsonObject record = new JsonObject().put("record_id", "T-1").put("subject_type", "person")
                .put("subject_code", personCode(1)).put("data", new JsonObject());
        JsonObject result = submit(tax, "tax_arrears", ndjson(record));
        assertThat(result.getJsonArray("errors").getJsonObject(0).getString("code"))
                .isEqualTo("SUBJECT_TYPE_NOT_ALLOWED");
    }

    @Test
    @DisplayName("whole-request errors: unknown category 404, someone else's category 403, wrong media type 415, non-provider 403")
    void wholeRequestErrors() {
        Buffer body = ndjson(penalty("W-1", orgCode(20), "2025-01-01"));
        assertProblem(gateway.post("/v1/submissions/gossip", amr, NDJSON, body), 404, "UNKNOWN_CATEGORY");
        assertProblem(gateway.post("/v1/submissions/tax_arrears", amr, NDJSON, body), 403, "CATEGORY_NOT_ALLOWED");
        assertProblem(gateway.post("/v1/submissions/admin_penalty", amr, "application/json", body), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        String agency = gateway.createClient(new JsonObject().put("id", "agency-s").put("name", "征信公司").put("role", "agency"));
        assertProblem(gateway.post("/v1/submissions/admin_penalty", agency, NDJSON, body), 403, "FORBIDDEN");
        assertThat(versions("sz-amr", "W-1")).isEmpty();
    }

    @Test
    @DisplayName("identical resubmission changes nothing; changed content, revoke and repair are new versions")
    void versionsAndIdempotency() {
        JsonObject v1 = penalty("V-1", orgCode(30), "2025-03-01");
        assertThat(submit(amr, "admin_penalty", ndjson(v1)).getLong("accepted")).isEqualTo(1);
        assertThat(submit(amr, "admin_penalty", ndjson(v1)).getLong("accepted")).isEqualTo(1);
        assertThat(versions("sz-amr", "V-1")).hasSize(1);

        JsonObject v2 = penalty("V-1", orgCode(30), "2025-03-01");
        v2.getJsonObject("data").put("fine_amount", 3.5);
        submit(amr, "admin_penalty", ndjson(v2));
        submit(amr, "admin_penalty", ndjson(withdraw("V-1", orgCode(30), "repair")));
        submit(amr, "admin_penalty", ndjson(withdraw("V-1", orgCode(30), "repair"), v2));
        List<Row> stored = versions("sz-amr", "V-1");
        assertThat(stored).extracting(r -> r.getString("action")).containsExactly("upsert", "upsert", "repair");
        // the repair keeps the content for the archive
        assertThat(stored.get(2).getJsonObject("data").getValue("fine_amount").toString()).isEqualTo("3.5");

        submit(amr, "admin_penalty", ndjson(withdraw("V-1", orgCode(30), "revoke")));
        JsonObject afterRevoke = submit(amr, "admin_penalty", ndjson(withdraw("V-1", orgCode(30), "revoke"), v2));
        assertThat(afterRevoke.getLong("accepted")).isEqualTo(2);
        assertThat(versions("sz-amr", "V-1")).extracting(r -> r.getString("action"))
                .containsExactly("upsert", "upsert", "repair", "revoke");
        JsonObject refused = submit(amr, "admin_penalty", ndjson(v1));
        assertThat(refused.getLong("rejected")).isEqualTo(1);
        assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("action");
    }

    @Test
    @DisplayName("a record keeps its subject: an upsert moving it to another subject is refused")
    void subjectIsFixed() {
        submit(amr, "admin_penalty", ndjson(penalty("S-1", orgCode(40), "2025-01-01")));
        JsonObject moved = submit(amr, "admin_penalty", ndjson(penalty("S-1", orgCode(41), "2025-01-01")));
        assertThat(moved.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("subject_code");
        assertThat(versions("sz-amr", "S-1")).hasSize(1);
    }

    @Test
    @DisplayName("another provider can neither revoke nor overwrite a provider's record")
    void ownership() {
        submit(amr, "admin_penalty", ndjson(penalty("OWN-1", orgCode(50), "2025-01-01")));
        JsonObject revoke = submit(otherAmr, "admin_penalty", ndjson(withdraw("OWN-1", orgCode(50), "revoke")));
        assertThat(revoke.getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("UNKNOWN_RECORD");
        JsonObject overwrite = penalty("OWN-1", orgCode(50), "2024-01-01");
        submit(otherAmr, "admin_penalty", ndjson(overwrite));
        List<Row> mine = versions("sz-amr", "OWN-1");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).getString("action")).isEqualTo("upsert");
        assertThat(mine.get(0).getLocalDate("period_start")).hasToString("2025-01-01");
        assertThat(versions("gz-amr", "OWN-1")).hasSize(1);
    }

    @Test
    @DisplayName("counts stay exact beyond the 1000 listed errors")
    void errorsTruncated() {
        Buffer body = Buffer.buffer();
        for (int i = 0; i < 1500; i++) {
            body.appendString("not json " + i + "\n");
        }
        JsonObject result = submit(amr, "admin_penalty", body);
        assertThat(result.getLong("received")).isEqualTo(1500);
        assertThat(result.getLong("rejected")).isEqualTo(1500);
        assertThat(result.getJsonArray("errors")).hasSize(1000);
        assertThat(result.getBoolean("errors_truncated")).isTrue();
    }

    @Test
    @DisplayName("each submission leaves one collection log entry with its counts, refusals by code included")
    void collectionLog() {
        JsonObject prohibited = penalty("L-2", orgCode(61), "2025-01-01");
        prohibited.getJsonObject("data").put("血型", "A");
        JsonObject result = submit(amr, "admin_penalty", ndjson(penalty("L-1", orgCode(60), "2025-01-01"), prohibited));
        Row entry = gateway.pool().preparedQuery("SELECT provider, category, channel, received, accepted, rejected, "
                        + "rejected_by_code, outcome FROM collection_log WHERE submission_id = $1::uuid")
                .execute(Tuple.of(result.getString("submission_id"))).await().iterator().next();
        assertThat(entry.getString("provider")).isEqualTo("sz-amr");
        assertThat(entry.getString("category")).isEqualTo("admin_penalty");
        assertThat(entry.getString("channel")).isEqualTo("api");
        assertThat(entry.getLong("received")).isEqualTo(2);
        assertThat(entry.getLong("accepted")).isEqualTo(1);
        assertThat(entry.getLong("rejected")).isEqualTo(1);
        assertThat(((JsonObject) entry.getValue("rejected_by_code")).getLong("PROHIBITED_FIELD")).isEqualTo(1);
        assertThat(entry.getString("outcome")).isEqualTo("complete");
    }

    @Test
    @DisplayName("an empty body is a submission of nothing")
    void emptyBody() {
        JsonObject result = submit(amr, "admin_penalty", Buffer.buffer("\n\n"));
        assertThat(result.getLong("received")).isZero();
        assertThat(result.getLong("accepted")).isZero();
    }
}
