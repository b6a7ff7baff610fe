package org.creditgate.disclose;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.creditgate.testing.RunningGateway;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.ProblemAssertions.assertProblem;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;
import static org.creditgate.testing.Records.personCode;
import static org.creditgate.testing.Records.withdraw;

/** The visibility rules and the lookup contract, black-box over HTTP with "today" fixed at 2026-11-23. */
@DisplayName("Disclosure rules over HTTP")
class DisclosureRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);

    private static RunningGateway gateway;
    private static String provider;
    private static String site;
    private static String government;
    private static String agency;
    private static String judicial;
    private static String portal;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start(TestPostgres.freshDatabase(), config -> config, CLOCK);
        provider = gateway.createClient(new JsonObject().put("id", "r-amr").put("name", "市场监管局").put("role", "provider")
                .put("categories", new JsonArray().add("admin_penalty").add("utility_arrears")));
        site = client("r-site", "public");
        government = client("r-gov", "government");
        agency = client("r-agency", "agency");
        judicial = client("r-court", "judicial");
        portal = client("r-portal", "portal");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String client(String id, String role) {
        return gateway.createClient(new JsonObject().put("id", id).put("name", id).put("role", role));
    }

    private static void submit(String category, JsonObject... records) {
        Buffer body = Buffer.buffer();
        for (JsonObject record : records) {
            body.appendString(record.encode()).appendString("\n");
        }
        HttpResponse<Buffer> response = gateway.post("/v1/submissions/" + category, provider, "application/x-ndjson", body);
        assertThat(response.bodyAsJsonObject().getLong("rejected")).as(response.bodyAsString()).isZero();
    }

    private static HttpResponse<Buffer> lookupResponse(String key, List<String> subjects, String onBehalfOf) {
        JsonObject request = new JsonObject().put("subjects", new JsonArray(subjects)).put("reason", "审查 2026-1");
        if (onBehalfOf != null) {
            request.put("on_behalf_of", onBehalfOf);
        }
        return gateway.post("/v1/lookups", key, request);
    }

    private static JsonArray records(String key, String subject) {
        HttpResponse<Buffer> response = lookupResponse(key, List.of(subject), key.equals(portal) ? subject : null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("records");
    }

    private static List<String> recordIds(String key, String subject) {
        List<String> ids = new ArrayList<>();
        records(key, subject).forEach(r -> ids.add(((JsonObject) r).getString("record_id")));
        return ids;
    }

    private static JsonObject personPenalty(String recordId, String subject, String date) {
        JsonObject record = penalty(recordId, subject, date).put("subject_type", "person");
        record.getJsonObject("data").remove("legal_rep");
        record.getJsonObject("data").put("subject_name", "赵六");
        return record;
    }

    @Test
    @DisplayName("disclosure periods: an org's penalty for 3 years, a person's for 5, the archive for judicial organs")
    void periods() {
        String org = orgCode(10_001);
        String person = personCode(10_001);
        submit("admin_penalty",
                penalty("P-ORG-OUT", org, TODAY.minusYears(3).toString()),
                penalty("P-ORG-IN", org, TODAY.minusYears(3).plusDays(1).toString()),
                personPenalty("P-PER-OUT", person, TODAY.minusYears(5).toString()),
                personPenalty("P-PER-IN", person, TODAY.minusYears(5).plusDays(1).toString()),
                personPenalty("P-PER-4Y", person, TODAY.minusYears(4).toString()));
        for (String key : List.of(site, government, agency)) {
            assertThat(recordIds(key, org)).containsExactly("P-ORG-IN");
            assertThat(recordIds(key, person)).containsExactlyInAnyOrder("P-PER-IN", "P-PER-4Y");
        }
        assertThat(recordIds(judicial, org)).containsExactlyInAnyOrder("P-ORG-IN", "P-ORG-OUT");
        assertThat(recordIds(judicial, person)).containsExactlyInAnyOrder("P-PER-IN", "P-PER-4Y", "P-PER-OUT");
    }

    @Test
    @DisplayName("a revoked record is disclosed to nobody; a repaired one only to judicial organs")
    void revokeAndRepair() {
        String org = orgCode(10_002);
        submit("admin_penalty", penalty("RV-1", org, "2026-01-01"), penalty("RP-1", org, "2026-01-02"));
        assertThat(recordIds(site, org)).containsExactlyInAnyOrder("RV-1", "RP-1");
        submit("admin_penalty", withdraw("RV-1", org, "revoke"), withdraw("RP-1", org, "repair"));
        // the subject is cached by the lookup above; the instance that took the change drops it before answering
        assertThat(recordIds(site, org)).isEmpty();
        assertThat(recordIds(government, org)).isEmpty();
        assertThat(recordIds(judicial, org)).containsExactly("RP-1");
    }

    @Test
    @DisplayName("a correction is visible at once, also to a subject that was cached")
    void correctionsReachTheCache() {
        String org = orgCode(10_003);
        submit("admin_penalty", penalty("C-1", org, "2026-02-01"));
        assertThat(records(site, org).getJsonObject(0).getInteger("version")).isEqualTo(1);
        assertThat(records(site, org).getJsonObject(0).getInteger("version")).isEqualTo(1);
        JsonObject corrected = penalty("C-1", org, "2026-02-01");
        corrected.getJsonObject("data").put("content", "罚款人民币叁万元");
        submit("admin_penalty", corrected);
        // read-your-writes on the instance that took the submission (other instances: ScaleOutTest)
        assertThat(records(site, org).getJsonObject(0).getInteger("version")).isEqualTo(2);
        assertThat(records(site, org).getJsonObject(0).getJsonObject("data").getString("content")).isEqualTo("罚款人民币叁万元");
    }

    @Test
    @DisplayName("objections: flagged while open, cleared when upheld, gone for good when deleted")
    void objections() {
        String org = orgCode(10_004);
        submit("admin_penalty", penalty("O-1", org, "2026-03-01"), penalty("O-2", org, "2026-03-02"));
        String first = file(org, "O-1");
        String second = file(org, "O-2");
        for (Object record : records(site, org)) {
            assertThat(((JsonObject) record).getBoolean("objection")).isTrue();
        }
        assertThat(resolve(first, "upheld").statusCode()).isEqualTo(200);
        assertThat(resolve(first, "deleted").statusCode()).isEqualTo(409);
        assertThat(resolve(second, "deleted").statusCode()).isEqualTo(200);
        JsonArray visible = records(site, org);
        assertThat(visible).hasSize(1);
        assertThat(visible.getJsonObject(0).getString("record_id")).isEqualTo("O-1");
        assertThat(visible.getJsonObject(0).getBoolean("objection")).isFalse();
        assertThat(recordIds(judicial, org)).containsExactlyInAnyOrder("O-1", "O-2");
        assertProblem(gateway.post("/v1/objections", portal, new JsonObject().put("subject_code", org)
                .put("category", "admin_penalty").put("record_id", "NO-SUCH").put("reason", "x")), 404, "NOT_FOUND");
        assertProblem(gateway.post("/v1/objections/" + first + "/resolve", portal,
                new JsonObject().put("outcome", "deleted")), 403, "FORBIDDEN");
    }

    @Test
    @DisplayName("with objection_policy withhold, an objected record is withheld but from the subject's portal and judicial organs")
    void withholdPolicy() {
        String org = orgCode(10_012);
        submit("admin_penalty", penalty("W-1", org, "2026-03-01"));
        file(org, "W-1");
        try (RunningGateway withholding = RunningGateway.start(gateway.database(), config -> config.withDisclosure(
                new org.creditgate.config.GatewayConfig.Disclosure(1000, true, 1000, 60, 100, 256)), CLOCK)) {
            JsonObject request = new JsonObject().put("subjects", new JsonArray().add(org)).put("reason", "核查");
            for (String key : List.of(site, government, agency)) {
                assertThat(withholding.post("/v1/lookups", key, request).bodyAsJsonObject().getJsonArray("results")
                        .getJsonObject(0).getJsonArray("records")).isEmpty();
            }
            JsonArray seen = withholding.post("/v1/lookups", portal, request.copy().put("on_behalf_of", org))
                    .bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("records");
            assertThat(seen).hasSize(1);
            assertThat(seen.getJsonObject(0).getBoolean("objection")).isTrue();
            assertThat(withholding.post("/v1/lookups", judicial, request).bodyAsJsonObject().getJsonArray("results")
                    .getJsonObject(0).getJsonArray("records")).hasSize(1);
        }
        // the flagging gateway still shows it, flagged
        assertThat(records(site, org).getJsonObject(0).getBoolean("objection")).isTrue();
    }

    private static String file(String subject, String recordId) {
        HttpResponse<Buffer> filed = gateway.post("/v1/objections", portal, new JsonObject().put("subject_code", subject)
                .put("category", "admin_penalty").put("record_id", recordId).put("reason", "该处罚已撤销"));
        assertThat(filed.statusCode()).as(filed.bodyAsString()).isEqualTo(201);
        return filed.bodyAsJsonObject().getString("objection_id");
    }

    private static HttpResponse<Buffer> resolve(String id, String outcome) {
        return gateway.post("/v1/objections/" + id + "/resolve", gateway.adminKey(), new JsonObject().put("outcome", outcome));
    }

    @Test
    @DisplayName("authorizations: granted fields appear for that agency only, and go on revocation or expiry")
    void authorizations() throws InterruptedException {
        String person = personCode(10_005);
        JsonObject arrears = new JsonObject().put("record_id", "U-1").put("subject_type", "person")
                .put("subject_code", person).put("data", new JsonObject().put("subject_name", "钱七").put("utility", "电")
                        .put("account_no", "A-778").put("amount_owed", "88.30").put("since", "2026-01-01"));
        submit("utility_arrears", arrears);
        assertThat(records(agency, person)).isEmpty();

        HttpResponse<Buffer> granted = gateway.post("/v1/authorizations", portal, new JsonObject().put("subject_code", person)
                .put("grantee", "r-agency").put("categories", new JsonArray().add("utility_arrears"))
                .put("expires_at", "2099-01-01T00:00:00+08:00").put("evidence", "短信验证 20261123-0001"));
        assertThat(granted.statusCode()).as(granted.bodyAsString()).isEqualTo(201);
        String id = granted.bodyAsJsonObject().getString("authorization_id");
        JsonArray seen = records(agency, person);
        assertThat(seen).hasSize(1);
        assertThat(seen.getJsonObject(0).getJsonObject("data").getString("account_no")).isEqualTo("A-778");
        assertThat(records(government, person)).isEmpty();

        assertThat(gateway.request(HttpMethod.DELETE, "/v1/authorizations/" + id, portal).send().await().statusCode())
                .isEqualTo(204);
        assertThat(records(agency, person)).isEmpty();
        assertProblem(gateway.request(HttpMethod.DELETE, "/v1/authorizations/" + id, portal).send().await(), 404, "NOT_FOUND");

        String soon = java.time.OffsetDateTime.now().plusSeconds(2).toString();
        gateway.post("/v1/authorizations", portal, new JsonObject().put("subject_code", person).put("grantee", "r-agency")
                .put("expires_at", soon));
        assertThat(records(agency, person)).hasSize(1);
        Thread.sleep(2_500);
        assertThat(records(agency, person)).isEmpty();

        assertProblem(gateway.post("/v1/authorizations", portal, new JsonObject().put("subject_code", person)
                .put("grantee", "r-gov").put("expires_at", "2099-01-01T00:00:00+08:00")), 400, "BAD_REQUEST");
        assertProblem(gateway.post("/v1/authorizations", agency, new JsonObject().put("subject_code", person)
                .put("grantee", "r-agency").put("expires_at", "2099-01-01T00:00:00+08:00")), 403, "FORBIDDEN");
    }

    @Test
    @DisplayName("a category filter shows the records of those categories only, the same objects as the whole "
            + "answer, whether the subject was cached or not")
    void categoryFilter() {
        String org = orgCode(10_020);
        submit("admin_penalty", penalty("P-20", org, "2026-04-01"));
        submit("utility_arrears", new JsonObject().put("record_id", "U-20").put("subject_type", "org")
                .put("subject_code", org).put("data", new JsonObject().put("subject_name", "某某水务用户有限公司")
                        .put("utility", "水").put("account_no", "W-20").put("amount_owed", "1200.50")
                        .put("since", "2026-02-01")));

        // first filtered, before anything of the subject is cached; then whole; then filtered from the cache
        JsonArray arrearsCold = filtered(org, "utility_arrears");
        JsonArray whole = records(judicial, org);
        assertThat(whole).hasSize(2);
        JsonObject penaltyRecord = recordOf(whole, "P-20");
        JsonObject arrearsRecord = recordOf(whole, "U-20");
        assertThat(arrearsCold).containsExactly(arrearsRecord);
        assertThat(filtered(org, "utility_arrears")).containsExactly(arrearsRecord);
        assertThat(filtered(org, "admin_penalty")).containsExactly(penaltyRecord);
        assertThat(filtered(org, "admin_penalty", "utility_arrears")).isEqualTo(whole);
        assertThat(filtered(org, "court_defaulter")).isEmpty();

        HttpResponse<Buffer> single = gateway.get("/v1/subjects/" + org + "?categories=admin_penalty&reason=x", judicial);
        assertThat(single.statusCode()).as(single.bodyAsString()).isEqualTo(200);
        assertThat(single.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("records"))
                .containsExactly(penaltyRecord);
    }

    private static JsonArray filtered(String subject, String... categories) {
        JsonObject request = new JsonObject().put("subjects", new JsonArray().add(subject)).put("reason", "审查 2026-2")
                .put("categories", new JsonArray(List.of(categories)));
        HttpResponse<Buffer> response = gateway.post("/v1/lookups", judicial, request);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("records");
    }

    private static JsonObject recordOf(JsonArray records, String recordId) {
        for (int i = 0; i < records.size(); i++) {
            if (recordId.equals(records.getJsonObject(i).getString("record_id"))) {
                return records.getJsonObject(i);
            }
        }
        throw new AssertionError(recordId + " not in " + records.encode());
    }

    @Test
    @DisplayName("a portal sees only the subject it acts for: a foreign code among 999 of its own refuses the whole request")
    void portalLimits() {
        String mine = personCode(10_006);
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            subjects.add(mine);
        }
        subjects.add(500, personCode(10_007));
        assertProblem(lookupResponse(portal, subjects, mine), 403, "FORBIDDEN");
        assertProblem(lookupResponse(portal, List.of(mine), null), 403, "FORBIDDEN");
        assertThat(lookupResponse(portal, List.of(mine), mine).statusCode()).isEqualTo(200);
        assertProblem(gateway.get("/v1/subjects/" + personCode(10_007) + "?on_behalf_of=" + mine, portal), 403, "FORBIDDEN");
    }

    @Test
    @DisplayName("lookup limits: malformed codes get a per-subject error, too many subjects and a missing reason are 400")
    void limits() {
        HttpResponse<Buffer> mixed = gateway.post("/v1/lookups", government, new JsonObject()
                .put("subjects", new JsonArray().add("not-a-code").add(orgCode(10_008)).add("11010519491231002x"))
                .put("reason", "核查"));
        assertThat(mixed.statusCode()).isEqualTo(200);
        JsonArray results = mixed.bodyAsJsonObject().getJsonArray("results");
        assertThat(results.getJsonObject(0).getString("error")).isEqualTo("INVALID_SUBJECT_CODE");
        assertThat(results.getJsonObject(1).getJsonArray("records")).isEmpty();
        assertThat(results.getJsonObject(2).getString("error")).isEqualTo("INVALID_SUBJECT_CODE");
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(orgCode(i));
        }
        assertProblem(gateway.post("/v1/lookups", agency, new JsonObject().put("subjects", tooMany).put("reason", "x")),
                400, "TOO_MANY_SUBJECTS");
        for (String key : List.of(government, agency, judicial)) {
            assertProblem(gateway.post("/v1/lookups", key, new JsonObject().put("subjects", new JsonArray().add(orgCode(1)))),
                    400, "REASON_REQUIRED");
        }
        assertThat(gateway.post("/v1/lookups", site, new JsonObject().put("subjects", new JsonArray().add(orgCode(1))))
                .statusCode()).isEqualTo(200);
        assertProblem(gateway.get("/v1/subjects/abc", site), 400, "INVALID_SUBJECT_CODE");
        assertProblem(gateway.get("/v1/subjects/" + orgCode(1), government), 400, "REASON_REQUIRED");
        assertThat(gateway.get("/v1/subjects/" + orgCode(1) + "?reason=%E6%A0%B8%E6%9F%A5", government).statusCode())
                .isEqualTo(200);
        assertProblem(gateway.post("/v1/lookups", provider, new JsonObject().put("subjects", new JsonArray().add(orgCode(1)))),
                403, "FORBIDDEN");
    }

    @Test
    @DisplayName("every lookup is logged before its answer; a subject's history counts each querier's queries")
    void queryLogAndHistory() {
        String org = orgCode(10_009);
        submit("admin_penalty", penalty("Q-1", org, "2026-04-01"));
        String queryId = lookupResponse(agency, List.of(org), null).bodyAsJsonObject().getString("query_id");
        lookupResponse(agency, List.of(org), null);
        lookupResponse(government, List.of(org, orgCode(10_010)), null);

        Row entry = gateway.pool().preparedQuery("SELECT client_id, role, channel, reason, subjects, categories "
                + "FROM query_log WHERE query_id = $1::uuid").execute(Tuple.of(queryId)).await().iterator().next();
        assertThat(entry.getString("client_id")).isEqualTo("r-agency");
        assertThat(entry.getString("role")).isEqualTo("agency");
        assertThat(entry.getString("channel")).isEqualTo("batch");
        assertThat(entry.getString("reason")).isEqualTo("审查 2026-1");
        assertThat(entry.getArrayOfStrings("subjects")).containsExactly(org);
        assertThat(entry.getArrayOfStrings("categories")).containsExactly("admin_penalty");

        HttpResponse<Buffer> history = gateway.get("/v1/subjects/" + org + "/queries?on_behalf_of=" + org, portal);
        assertThat(history.statusCode()).as(history.bodyAsString()).isEqualTo(200);
        JsonObject page = history.bodyAsJsonObject();
        assertThat(page.getLong("total")).isEqualTo(3);
        JsonArray queries = page.getJsonArray("queries");
        assertThat(queries.getJsonObject(0).getString("client_id")).isEqualTo("r-gov");
        assertThat(queries.getJsonObject(0).getLong("count")).isEqualTo(1);
        assertThat(queries.getJsonObject(1).getString("client_id")).isEqualTo("r-agency");
        assertThat(queries.getJsonObject(1).getLong("count")).isEqualTo(2);
        assertThat(queries.getJsonObject(2).getLong("count")).isEqualTo(1);
        assertThat(queries.getJsonObject(1).getString("client_name")).isEqualTo("r-agency");

        HttpResponse<Buffer> firstPage = gateway.get("/v1/subjects/" + org + "/queries?limit=2", gateway.adminKey());
        assertThat(firstPage.bodyAsJsonObject().getJsonArray("queries")).hasSize(2);
        String cursor = firstPage.bodyAsJsonObject().getString("next_cursor");
        JsonArray rest = gateway.get("/v1/subjects/" + org + "/queries?limit=2&cursor=" + cursor, gateway.adminKey())
                .bodyAsJsonObject().getJsonArray("queries");
        assertThat(rest).hasSize(1);
        assertThat(rest.getJsonObject(0).getString("query_id")).isEqualTo(queryId);

        assertProblem(gateway.get("/v1/subjects/" + org + "/queries", agency), 403, "FORBIDDEN");
        assertProblem(gateway.get("/v1/subjects/" + org + "/queries?on_behalf_of=" + orgCode(1), portal), 403, "FORBIDDEN");
    }

    @Test
    @DisplayName("fail closed: when the query log cannot be written the caller gets 503 and no data")
    void failClosed() {
        String org = orgCode(10_011);
        submit("admin_penalty", penalty("F-1", org, "2026-04-01"));
        assertRefusedWhile("ALTER TABLE query_log RENAME TO query_log_away",
                "ALTER TABLE query_log_away RENAME TO query_log", org, "F-1");
    }

    @Test
    @DisplayName("fail closed at the insert: its place in the chain reserved but the insert refused, the caller gets "
            + "503, nothing is committed, and the chain stays whole")
    void failClosedAtInsert() {
        String org = orgCode(10_012);
        submit("admin_penalty", penalty("F-2", org, "2026-04-01"));
        assertRefusedWhile("REVOKE INSERT ON query_log FROM creditgate_app",
                "GRANT INSERT ON query_log TO creditgate_app", org, "F-2");
        JsonObject verified = gateway.get("/v1/audit/verify", gateway.adminKey()).bodyAsJsonObject();
        assertThat(verified.getBoolean("ok")).as(verified.encode()).isTrue();
    }

    /**
     * While {@code breakLog} keeps the query log from being written, a lookup of the subject is refused with 503 and
     * shows none of its records; once {@code mendLog} has run, the same lookup is answered.
     */
    private static void assertRefusedWhile(String breakLog, String mendLog, String subject, String recordId) {
        gateway.pool().query(breakLog).execute().await();
        try {
            HttpResponse<Buffer> refused = lookupResponse(agency, List.of(subject), null);
            assertProblem(refused, 503, "UNAVAILABLE");
            assertThat(refused.bodyAsString()).doesNotContain(recordId);
        } finally {
            gateway.pool().query(mendLog).execute().await();
        }
        assertThat(lookupResponse(agency, List.of(subject), null).statusCode()).isEqualTo(200);
    }
}
