package org.creditgate.disclose;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.creditgate.catalog.Catalog;
import org.creditgate.catalog.CatalogLoader;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.SubjectType;
import org.creditgate.testing.CatalogRecords;
import org.creditgate.testing.Records;
import org.creditgate.testing.RunningGateway;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role × category × field × subject type, over HTTP on the real database: each caller gets exactly the
 * fields its disclosure class allows, masked as the catalog says, and the public never sees a natural person's
 * full name, ID number or phone number anywhere in an answer.
 */
@DisplayName("Disclosure matrix over HTTP: role × category × field")
class DisclosureMatrixHttpTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final String RECORD_DATE = "2026-05-01";
    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);

    private static RunningGateway gateway;
    private static Catalog catalog;
    private static final Map<String, String> keys = new LinkedHashMap<>();
    /** subject code → (category, subject type, submitted data) */
    private static final List<Submitted> submitted = new ArrayList<>();

    private record Submitted(Category category, SubjectType type, String subject, JsonObject data) {
    }

    @BeforeAll
    static void start() {
        catalog = CatalogLoader.load(RunningGateway.projectRoot().resolve("config/catalog"));
        gateway = RunningGateway.start(TestPostgres.freshDatabase(), config -> config, CLOCK);
        JsonArray all = new JsonArray();
        catalog.categories().forEach(c -> all.add(c.id()));
        String provider = gateway.createClient(new JsonObject().put("id", "matrix-provider").put("name", "信源")
                .put("role", "provider").put("categories", all));
        for (String role : List.of("public", "government", "agency", "judicial", "portal")) {
            keys.put(role, gateway.createClient(new JsonObject().put("id", "m-" + role).put("name", role).put("role", role)));
        }
        keys.put("agency+authorized", gateway.createClient(new JsonObject().put("id", "m-agency-auth")
                .put("name", "授权机构").put("role", "agency")));

        int n = 0;
        for (Category category : catalog.categories()) {
            Buffer body = Buffer.buffer();
            for (SubjectType type : category.subjectTypes()) {
                String subject = type == SubjectType.PERSON ? Records.personCode(5000 + n) : Records.orgCode(5000 + n);
                n++;
                JsonObject record = CatalogRecords.record(category, type, subject, "M-" + n, RECORD_DATE);
                if (record.getJsonObject("data").containsKey("valid_to")) {
                    record.getJsonObject("data").put("valid_to", "2030-12-31");
                }
                body.appendString(record.encode()).appendString("\n");
                submitted.add(new Submitted(category, type, subject, record.getJsonObject("data")));
                HttpResponse<Buffer> grant = gateway.post("/v1/authorizations", gateway.adminKey(), new JsonObject()
                        .put("subject_code", subject).put("grantee", "m-agency-auth")
                        .put("expires_at", "2099-01-01T00:00:00+08:00").put("evidence", "线上身份核验"));
                assertThat(grant.statusCode()).as(grant.bodyAsString()).isEqualTo(201);
            }
            HttpResponse<Buffer> result = gateway.post("/v1/submissions/" + category.id(), provider,
                    "application/x-ndjson", body);
            assertThat(result.bodyAsJsonObject().getLong("rejected")).as(result.bodyAsString()).isZero();
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @TestFactory
    @DisplayName("each caller sees exactly its fields, masked as the catalog says")
    List<DynamicTest> matrix() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> caller : keys.entrySet()) {
            Viewer viewer = Viewer.valueOf(caller.getKey().replace("+authorized", "").toUpperCase());
            boolean authorized = caller.getKey().endsWith("+authorized");
            for (Submitted record : submitted) {
                tests.add(DynamicTest.dynamicTest(caller.getKey() + " × " + record.category().id() + " × "
                        + record.type().wireName(), () -> {
                    JsonObject result = lookUp(caller.getValue(), viewer, record.subject());
                    Map<String, Object> expected = expected(record, viewer, authorized);
                    JsonArray records = result.getJsonArray("records");
                    if (expected == null) {
                        assertThat(records).as("record left out").isEmpty();
                    } else {
                        assertThat(records).hasSize(1);
                        assertThat(records.getJsonObject(0).getJsonObject("data").getMap())
                                .isEqualTo(jsonOf(expected).getMap());
                    }
                    String shown = result.getString("subject_code");
                    assertThat(shown).isEqualTo(Projection.subjectCodeFor(viewer, record.type(), record.subject()));
                    if (viewer == Viewer.PUBLIC) {
                        assertThat(result.encode()).doesNotContain(CatalogRecords.PERSON_NAME)
                                .doesNotContain(CatalogRecords.ID_NUMBER).doesNotContain(CatalogRecords.PHONE);
                        if (record.type() == SubjectType.PERSON) {
                            assertThat(result.encode()).doesNotContain(record.subject());
                        }
                    }
                }));
            }
        }
        return tests;
    }

    private static JsonObject lookUp(String key, Viewer viewer, String subject) {
        JsonObject request = new JsonObject().put("subjects", new JsonArray().add(subject)).put("reason", "矩阵测试");
        if (viewer == Viewer.PORTAL) {
            request.put("on_behalf_of", subject);
        }
        HttpResponse<Buffer> response = gateway.post("/v1/lookups", key, request);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("results").getJsonObject(0);
    }

    /** What the domain policy discloses of the submitted record (the policy is proven against CATALOG.md apart). */
    private static Map<String, Object> expected(Submitted record, Viewer viewer, boolean authorized) {
        Map<String, Object> data = new LinkedHashMap<>();
        record.data().forEach(e -> data.put(e.getKey(), record.category().field(e.getKey()).orElseThrow().type()
                .kind().name().equals("DECIMAL") ? new BigDecimal(e.getValue().toString()) : e.getValue()));
        StoredRecord stored = new StoredRecord("matrix-provider", record.category().id(), "x", 1, RecordState.ACTIVE,
                record.type(), record.subject(), StoredRecords.json(data), LocalDate.parse(RECORD_DATE), null,
                OffsetDateTime.now(), ObjectionState.NONE);
        return Projection.project(record.category(), stored, viewer, authorized).orElse(null);
    }

    private static JsonObject jsonOf(Map<String, Object> data) {
        return new JsonObject(Buffer.buffer(new JsonObject(new LinkedHashMap<>(data)).encode()));
    }
}
