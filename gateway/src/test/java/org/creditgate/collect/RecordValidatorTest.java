package org.creditgate.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.SubjectType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordValidatorTest {

    static final String ORG_CODE = "914403001922038216";
    static final String AUTHORITY_CODE = "11440300MB2C9460XM";
    static final String PERSON_ID = "11010519491231002X";
    static final String OTHER_PERSON_ID = "440304199001011233";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordValidator penalties = new RecordValidator(TestCategories.adminPenalty());

    /** A valid admin_penalty upsert about an organisation; tests change it to break one rule at a time. */
    static Map<String, Object> penaltyRecord() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subject_name", "深圳市某某科技有限公司");
        data.put("legal_rep", "张三");
        data.put("decision_no", "深市监罚〔2024〕123号");
        data.put("violation_type", "虚假广告");
        data.put("facts", "发布虚假广告。\n当事人已改正。");
        data.put("basis", "《中华人民共和国广告法》第五十五条");
        data.put("penalty_type", "罚款");
        data.put("content", "罚款20.5万元");
        data.put("fine_amount", 20.5);
        data.put("decision_date", "2024-03-15");
        data.put("authority", "深圳市市场监督管理局");
        data.put("authority_code", AUTHORITY_CODE);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("record_id", "CF-2024-000123");
        record.put("subject_type", "org");
        record.put("subject_code", ORG_CODE);
        record.put("action", "upsert");
        record.put("data", data);
        return record;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dataOf(Map<String, Object> record) {
        return (Map<String, Object>) record.get("data");
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON written with single quotes for readability. */
    static byte[] raw(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private RecordOutcome penalty(Consumer<Map<String, Object>> change) {
        Map<String, Object> record = penaltyRecord();
        change.accept(record);
        return penalties.validate(json(record), 7);
    }

    private RecordOutcome penaltyData(Consumer<Map<String, Object>> change) {
        return penalty(record -> change.accept(dataOf(record)));
    }

    private static ValidRecord assertValid(RecordOutcome outcome) {
        assertThat(outcome).isInstanceOf(ValidRecord.class);
        return (ValidRecord) outcome;
    }

    private static RecordError assertError(RecordOutcome outcome, ErrorCode code, String field) {
        assertThat(outcome).isInstanceOf(RecordError.class);
        RecordError error = (RecordError) outcome;
        assertThat(error.code()).as(error.message()).isEqualTo(code);
        assertThat(error.field()).as(error.message()).isEqualTo(field);
        assertThat(error.message()).isNotBlank();
        return error;
    }

    @Nested
    @DisplayName("a valid record")
    class Valid {

        @Test
        @DisplayName("gives the envelope, canonical data in catalog order, the period start and a SHA-256 hash")
        void validUpsert() {
            ValidRecord record = assertValid(penalty(r -> { }));
            assertThat(record.recordId()).isEqualTo("CF-2024-000123");
            assertThat(record.subjectType()).isEqualTo(SubjectType.ORG);
            assertThat(record.subjectCode()).isEqualTo(ORG_CODE);
            assertThat(record.action()).isEqualTo(Action.UPSERT);
            assertThat(record.canonicalData()).isEqualTo("{\"subject_name\":\"深圳市某某科技有限公司\",\"legal_rep\":\"张三\","
                    + "\"decision_no\":\"深市监罚〔2024〕123号\",\"violation_type\":\"虚假广告\","
                    + "\"facts\":\"发布虚假广告。\\n当事人已改正。\",\"basis\":\"《中华人民共和国广告法》第五十五条\","
                    + "\"penalty_type\":\"罚款\",\"content\":\"罚款20.5万元\",\"fine_amount\":20.5,"
                    + "\"decision_date\":\"2024-03-15\",\"authority\":\"深圳市市场监督管理局\","
                    + "\"authority_code\":\"" + AUTHORITY_CODE + "\"}");
            assertThat(record.periodStart()).isEqualTo(LocalDate.of(2024, 3, 15));
            assertThat(record.periodEnd()).isNull();
            assertThat(record.contentHash()).hasSize(32);
        }

        @Test
        @DisplayName("the canonical data is valid JSON holding exactly the submitted values")
        void canonicalDataRoundTrips() throws Exception {
            Map<String, Object> submitted = penaltyRecord();
            dataOf(submitted).put("facts", "引号\" 反斜杠\\ 制表\t 回车\r 换行\n 𠀀 end");
            ValidRecord record = assertValid(penalties.validate(json(submitted), 1));
            assertThat(JSON.readValue(record.canonicalData(), Map.class)).isEqualTo(dataOf(submitted));
        }

        @Test
        @DisplayName("key order and decimal spelling do not change the canonical data or the hash")
        void canonicalDataIsDeterministic() {
            ValidRecord reference = assertValid(penalty(r -> { }));
            Map<String, Object> shuffled = penaltyRecord();
            List<Map.Entry<String, Object>> entries = new ArrayList<>(dataOf(shuffled).entrySet());
            Collections.reverse(entries);
            Map<String, Object> reversedData = new LinkedHashMap<>();
            entries.forEach(e -> reversedData.put(e.getKey(), e.getValue()));
            reversedData.put("fine_amount", "20.50");
            Map<String, Object> reordered = new LinkedHashMap<>();
            reordered.put("data", reversedData);
            reordered.put("subject_code", ORG_CODE);
            reordered.put("record_id", "CF-2024-000123");
            reordered.put("subject_type", "org");
            ValidRecord other = assertValid(penalties.validate(json(reordered), 1));
            assertThat(other.canonicalData()).isEqualTo(reference.canonicalData());
            assertThat(other.contentHash()).isEqualTo(reference.contentHash());
            assertThat(other).isEqualTo(reference);

            ValidRecord exponent = assertValid(penalties.validate(
                    new String(json(penaltyRecord()), StandardCharsets.UTF_8).replace("20.5,", "2.050E1,")
                            .getBytes(StandardCharsets.UTF_8), 1));
            assertThat(exponent.contentHash()).isEqualTo(reference.contentHash());
        }

        @Test
        @DisplayName("a change of content, action or subject changes the hash")
        void hashFollowsContent() {
            byte[] reference = assertValid(penalty(r -> { })).contentHash();
            assertThat(assertValid(penaltyData(d -> d.put("fine_amount", 20.6))).contentHash()).isNotEqualTo(reference);
            assertThat(assertValid(penaltyData(d -> d.put("publish_until", "2027-03-15"))).contentHash())
                    .isNotEqualTo(reference);
            assertThat(assertValid(penalty(r -> r.put("subject_code", "12100000400000123X"))).contentHash())
                    .isNotEqualTo(reference);
            assertThat(assertValid(penalty(r -> r.put("record_id", "other"))).contentHash()).isEqualTo(reference);
            byte[] revoke = assertValid(penalty(r -> r.put("action", "revoke"))).contentHash();
            byte[] repair = assertValid(penalty(r -> r.put("action", "repair"))).contentHash();
            assertThat(revoke).isNotEqualTo(repair).isNotEqualTo(reference);
        }

        @Test
        @DisplayName("action defaults to upsert, also when null")
        void actionDefaultsToUpsert() {
            assertThat(assertValid(penalty(r -> r.remove("action"))).action()).isEqualTo(Action.UPSERT);
            assertThat(assertValid(penalty(r -> r.put("action", null))).action()).isEqualTo(Action.UPSERT);
        }

        @Test
        @DisplayName("a person needs no legal_rep; an org must have one")
        void requiredForOrg() {
            ValidRecord person = assertValid(penalty(r -> {
                r.put("subject_type", "person");
                r.put("subject_code", PERSON_ID);
                dataOf(r).remove("legal_rep");
            }));
            assertThat(person.subjectType()).isEqualTo(SubjectType.PERSON);
            assertThat(person.canonicalData()).doesNotContain("legal_rep");
            RecordError error = assertError(penaltyData(d -> d.remove("legal_rep")), ErrorCode.MISSING_FIELD,
                    "legal_rep");
            assertThat(error.message()).contains("org");
        }

        @Test
        @DisplayName("null and blank optional fields count as absent and are left out of the data")
        void nullOptionalIsAbsent() {
            ValidRecord record = assertValid(penaltyData(d -> {
                d.put("fine_amount", null);
                d.put("publish_until", "  ");
            }));
            assertThat(record.canonicalData()).doesNotContain("fine_amount").doesNotContain("publish_until");
        }

        @Test
        @DisplayName("revoke and repair need no data, and carry none")
        void revokeWithoutData() {
            ValidRecord revoke = assertValid(penalty(r -> {
                r.put("action", "revoke");
                r.remove("data");
            }));
            assertThat(revoke.action()).isEqualTo(Action.REVOKE);
            assertThat(revoke.canonicalData()).isNull();
            assertThat(revoke.periodStart()).isNull();
            assertThat(revoke.contentHash()).hasSize(32);
            ValidRecord repair = assertValid(penalty(r -> {
                r.put("action", "repair");
                r.put("data", null);
            }));
            assertThat(repair.action()).isEqualTo(Action.REPAIR);
            ValidRecord revokeWithData = assertValid(penalty(r -> {
                r.put("action", "revoke");
                dataOf(r).put("not_a_field", 1);
            }));
            assertThat(revokeWithData.canonicalData()).isNull();
        }

        @Test
        @DisplayName("admin_license: valid_to, when present, is the period end")
        void periodEnd() {
            RecordValidator licenses = new RecordValidator(TestCategories.adminLicense());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("subject_name", "李四");
            data.put("decision_no", "许可〔2024〕1号");
            data.put("license_type", "普通");
            data.put("content", "食品经营");
            data.put("decision_date", "2024-01-02");
            data.put("valid_from", "2024-01-03");
            data.put("authority", "某局");
            data.put("authority_code", AUTHORITY_CODE);
            Map<String, Object> record = new LinkedHashMap<>(Map.of("record_id", "L-1", "subject_type", "person",
                    "subject_code", PERSON_ID, "data", data));
            ValidRecord withoutEnd = assertValid(licenses.validate(json(record), 1));
            assertThat(withoutEnd.periodStart()).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThat(withoutEnd.periodEnd()).isNull();
            data.put("valid_to", "2029-01-02");
            ValidRecord withEnd = assertValid(licenses.validate(json(record), 1));
            assertThat(withEnd.periodEnd()).isEqualTo(LocalDate.of(2029, 1, 2));
        }

        @Test
        @DisplayName("a sample record of every shipped category is accepted")
        void everyCategory() {
            String[] lines = {
                envelope("d1", "person", PERSON_ID) + "'data':{'subject_name':'王五',"
                        + "'case_no':'(2024)粤0304执123号','court':'福田区人民法院','basis_doc':'(2023)粤0304民初1号',"
                        + "'obligation':'支付货款','performance':'全部未履行','circumstance':'有履行能力而拒不履行',"
                        + "'publish_date':'2024-05-06'}}",
                envelope("t1", "org", ORG_CODE) + "'data':{'subject_name':'某公司',"
                        + "'legal_rep':'赵六','legal_rep_id':'" + OTHER_PERSON_ID + "','tax_type':'增值税',"
                        + "'arrears_amount':'120000.00','new_arrears_amount':0,'tax_office':'某税务局',"
                        + "'announce_date':'2024-06-30'}}",
                envelope("u1", "person", PERSON_ID) + "'data':{'subject_name':'钱七',"
                        + "'utility':'电','account_no':'0012345','amount_owed':356.7,'since':'2023-11-01',"
                        + "'contact_phone':'13800001234'}}",
                envelope("h1", "org", ORG_CODE) + "'data':{'subject_name':'某公司',"
                        + "'title':'守合同重信用企业','grantor':'某市人民政府','grant_date':'2022-12-01','level':'市级'}}",
                envelope("p1", "person", PERSON_ID) + "'data':{'subject_name':'孙八',"
                        + "'gender':'女','birth_date':'1949-12-31','education':'本科','employer':'某公司',"
                        + "'professional_qualifications':'注册会计师'}}"};
            Category[] categories = {TestCategories.courtDefaulter(), TestCategories.taxArrears(),
                TestCategories.utilityArrears(), TestCategories.honor(), TestCategories.personBasic()};
            for (int i = 0; i < lines.length; i++) {
                RecordOutcome outcome = new RecordValidator(categories[i]).validate(raw(lines[i]), i + 1);
                assertThat(outcome).as(categories[i].id() + ": " + outcome).isInstanceOf(ValidRecord.class);
            }
            ValidRecord tax = (ValidRecord) new RecordValidator(TestCategories.taxArrears()).validate(raw(lines[1]), 2);
            assertThat(tax.canonicalData()).contains("\"arrears_amount\":120000,")
                    .contains("\"new_arrears_amount\":0,");
        }

        @Test
        @DisplayName("a line with a UTF-8 byte order mark, and white space around the object, is accepted")
        void bomAndWhitespace() {
            byte[] body = json(penaltyRecord());
            byte[] line = new byte[body.length + 5];
            line[0] = (byte) 0xEF;
            line[1] = (byte) 0xBB;
            line[2] = (byte) 0xBF;
            line[3] = ' ';
            System.arraycopy(body, 0, line, 4, body.length);
            line[line.length - 1] = '\t';
            assertValid(penalties.validate(line, 1));
        }
    }

    @Nested
    @DisplayName("decimals")
    class Decimals {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"20.5", "\"20.5\"", "\"20.50\"", "20.500000", "2.05e1", "205E-1", "\"020.5\""})
        @DisplayName("as a number or a numeric string, normalised")
        void accepted(String value) {
            ValidRecord record = assertValid(penaltyWithFine(value));
            assertThat(record.canonicalData()).contains("\"fine_amount\":20.5,");
        }

        @Test
        @DisplayName("zeros, negatives, exponents and the bounds are written plainly")
        void normalisation() {
            assertThat(assertValid(penaltyWithFine("\"-0.0\"")).canonicalData()).contains("\"fine_amount\":0,");
            assertThat(assertValid(penaltyWithFine("0")).canonicalData()).contains("\"fine_amount\":0,");
            assertThat(assertValid(penaltyWithFine("1E+2")).canonicalData()).contains("\"fine_amount\":100,");
            assertThat(assertValid(penaltyWithFine("\"100\"")).canonicalData()).contains("\"fine_amount\":100,");
            assertThat(assertValid(penaltyWithFine("-3.25")).canonicalData()).contains("\"fine_amount\":-3.25,");
            assertThat(assertValid(penaltyWithFine("\"123456789012345678.123456\"")).canonicalData())
                    .contains("\"fine_amount\":123456789012345678.123456,");
            assertThat(assertValid(penaltyWithFine("1.0000000")).canonicalData()).contains("\"fine_amount\":1,");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"\"abc\"", "\"NaN\"", "\"Infinity\"", "\"1e3\"", "\" 20.5\"", "\"20.\"", "\".5\"",
            "\"+1\"", "\"1,000\"", "\"0x10\"", "true", "[1]", "{\"v\":1}", "0.0000001", "\"0.1234567\"",
            "1234567890123456789", "\"1234567890123456789\"", "1e19", "1e999999999", "1e-999999999",
            "\"00000000000000000000000000000000000000000000000000000000000000001\""})
        @DisplayName("anything else is INVALID_VALUE")
        void refused(String value) {
            assertError(penaltyWithFine(value), ErrorCode.INVALID_VALUE, "fine_amount");
        }

        @Test
        @DisplayName("NaN as a bare JSON token is not JSON")
        void bareNan() {
            assertError(penaltyWithFine("NaN"), ErrorCode.INVALID_JSON, null);
        }

        private RecordOutcome penaltyWithFine(String fineJson) {
            String line = new String(json(penaltyRecord()), StandardCharsets.UTF_8)
                    .replace("\"fine_amount\":20.5,", "\"fine_amount\":" + fineJson + ",");
            return penalties.validate(line.getBytes(StandardCharsets.UTF_8), 1);
        }
    }

    @Nested
    @DisplayName("field types")
    class Types {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"2026-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-3-15",
            "2024/03/15", "20240315", "2024-03-15T00:00:00", " 2024-03-15", "0000-01-01", "２０２４-03-15"})
        @DisplayName("dates must be YYYY-MM-DD and exist")
        void invalidDates(String date) {
            RecordError error = assertError(penaltyData(d -> d.put("decision_date", date)), ErrorCode.INVALID_VALUE,
                    "decision_date");
            assertThat(error.message()).contains("YYYY-MM-DD");
        }

        @Test
        @DisplayName("a leap day exists in leap years")
        void leapDay() {
            assertThat(assertValid(penaltyData(d -> d.put("decision_date", "2024-02-29"))).periodStart())
                    .isEqualTo(LocalDate.of(2024, 2, 29));
            assertValid(penaltyData(d -> d.put("decision_date", "2000-02-29")));
            assertError(penaltyData(d -> d.put("decision_date", "1900-02-29")), ErrorCode.INVALID_VALUE,
                    "decision_date");
        }

        @Test
        @DisplayName("a date given as a number is INVALID_VALUE")
        void dateAsNumber() {
            assertError(penaltyData(d -> d.put("decision_date", 20240315)), ErrorCode.INVALID_VALUE, "decision_date");
        }

        @Test
        @DisplayName("enum values must be one of the catalog's, exactly")
        void enums() {
            assertValid(penaltyData(d -> d.put("penalty_type", "警告")));
            RecordError error = assertError(penaltyData(d -> d.put("penalty_type", "罚没")), ErrorCode.INVALID_VALUE,
                    "penalty_type");
            assertThat(error.message()).contains("罚款").doesNotContain("罚没");
            assertError(penaltyData(d -> d.put("penalty_type", " 罚款")), ErrorCode.INVALID_VALUE, "penalty_type");
        }

        @Test
        @DisplayName("string lengths count characters, not bytes or UTF-16 units")
        void lengths() {
            assertValid(penaltyData(d -> d.put("legal_rep", "张".repeat(50))));
            assertValid(penaltyData(d -> d.put("legal_rep", "𠀀".repeat(50))));
            RecordError error = assertError(penaltyData(d -> d.put("legal_rep", "张".repeat(51))),
                    ErrorCode.INVALID_VALUE, "legal_rep");
            assertThat(error.message()).contains("50");
        }

        @Test
        @DisplayName("control characters are refused in strings, except tab and line breaks")
        void controlCharacters() {
            assertValid(penaltyData(d -> d.put("facts", "line one\r\n\tline two")));
            assertError(penaltyData(d -> d.put("facts", "bell\u0007")), ErrorCode.INVALID_VALUE, "facts");
            assertError(penaltyData(d -> d.put("facts", "nul\u0000")), ErrorCode.INVALID_VALUE, "facts");
            assertError(penaltyData(d -> d.put("facts", "c1\u0085")), ErrorCode.INVALID_VALUE, "facts");
            assertError(penaltyData(d -> d.put("facts", "del\u007f")), ErrorCode.INVALID_VALUE, "facts");
        }

        @Test
        @DisplayName("an escaped lone surrogate is not text")
        void loneSurrogate() {
            String line = new String(json(penaltyRecord()), StandardCharsets.UTF_8)
                    .replace("\"虚假广告\",\"facts", "\"bad \\ud800 text\",\"facts");
            assertError(penalties.validate(line.getBytes(StandardCharsets.UTF_8), 1), ErrorCode.INVALID_VALUE,
                    "violation_type");
        }

        @Test
        @DisplayName("strings must be JSON strings: numbers, booleans, objects and arrays are INVALID_VALUE")
        void wrongJsonTypes() {
            assertError(penaltyData(d -> d.put("decision_no", 123)), ErrorCode.INVALID_VALUE, "decision_no");
            assertError(penaltyData(d -> d.put("decision_no", true)), ErrorCode.INVALID_VALUE, "decision_no");
            assertError(penaltyData(d -> d.put("decision_no", List.of("a"))), ErrorCode.INVALID_VALUE, "decision_no");
            assertError(penaltyData(d -> d.put("decision_no", Map.of("a", "b"))), ErrorCode.INVALID_VALUE,
                    "decision_no");
        }

        @Test
        @DisplayName("credit codes and ID numbers in data are checksummed")
        void codesInData() {
            assertError(penaltyData(d -> d.put("authority_code", "914403001922038217")), ErrorCode.INVALID_VALUE,
                    "authority_code");
            RecordValidator taxes = new RecordValidator(TestCategories.taxArrears());
            String line = "{'record_id':'t1','subject_type':'org','subject_code':'" + ORG_CODE + "','data':{"
                    + "'subject_name':'某公司','legal_rep':'赵六','legal_rep_id':'440304199001011234','tax_type':'增值税',"
                    + "'arrears_amount':1,'tax_office':'某税务局','announce_date':'2024-06-30'}}";
            assertError(taxes.validate(raw(line), 1), ErrorCode.INVALID_VALUE, "legal_rep_id");
        }

        @Test
        @DisplayName("null or blank required fields are MISSING_FIELD")
        void nullRequired() {
            assertError(penaltyData(d -> d.put("facts", null)), ErrorCode.MISSING_FIELD, "facts");
            assertError(penaltyData(d -> d.put("facts", " \n ")), ErrorCode.MISSING_FIELD, "facts");
            assertError(penaltyData(d -> d.remove("decision_date")), ErrorCode.MISSING_FIELD, "decision_date");
        }
    }

    @Nested
    @DisplayName("the envelope")
    class Envelope {

        @Test
        @DisplayName("record_id is required, a string of 1 to 128 characters without control characters")
        void recordId() {
            RecordError missing = assertError(penalty(r -> r.remove("record_id")), ErrorCode.MISSING_FIELD,
                    "record_id");
            assertThat(missing.recordId()).isNull();
            assertError(penalty(r -> r.put("record_id", null)), ErrorCode.MISSING_FIELD, "record_id");
            assertError(penalty(r -> r.put("record_id", 42)), ErrorCode.INVALID_VALUE, "record_id");
            assertError(penalty(r -> r.put("record_id", "")), ErrorCode.INVALID_VALUE, "record_id");
            assertError(penalty(r -> r.put("record_id", "   ")), ErrorCode.INVALID_VALUE, "record_id");
            assertError(penalty(r -> r.put("record_id", "a\tb")), ErrorCode.INVALID_VALUE, "record_id");
            RecordError tooLong = assertError(penalty(r -> r.put("record_id", "r".repeat(129))),
                    ErrorCode.INVALID_VALUE, "record_id");
            assertThat(tooLong.recordId()).isNull();
            assertThat(assertValid(penalty(r -> r.put("record_id", "r".repeat(128)))).recordId()).hasSize(128);
            assertThat(assertValid(penalty(r -> r.put("record_id", "处罚-𠀀".repeat(32)))).recordId()).isNotNull();
        }

        @Test
        @DisplayName("unknown top-level keys are UNKNOWN_FIELD")
        void unknownEnvelopeKey() {
            assertError(penalty(r -> r.put("version", 2)), ErrorCode.UNKNOWN_FIELD, "version");
        }

        @Test
        @DisplayName("subject_type is required and must be org or person")
        void subjectType() {
            assertError(penalty(r -> r.remove("subject_type")), ErrorCode.MISSING_FIELD, "subject_type");
            assertError(penalty(r -> r.put("subject_type", "company")), ErrorCode.INVALID_VALUE, "subject_type");
            assertError(penalty(r -> r.put("subject_type", "ORG")), ErrorCode.INVALID_VALUE, "subject_type");
            assertError(penalty(r -> r.put("subject_type", 1)), ErrorCode.INVALID_VALUE, "subject_type");
        }

        @Test
        @DisplayName("a subject type the category does not take is SUBJECT_TYPE_NOT_ALLOWED")
        void subjectTypeNotAllowed() {
            String person = "{'record_id':'t1','subject_type':'person','subject_code':'" + PERSON_ID + "','data':{}}";
            RecordError error = assertError(new RecordValidator(TestCategories.taxArrears()).validate(raw(person), 3),
                    ErrorCode.SUBJECT_TYPE_NOT_ALLOWED, "subject_type");
            assertThat(error.recordId()).isEqualTo("t1");
            assertThat(error.line()).isEqualTo(3);
            String org = "{'record_id':'p1','subject_type':'org','subject_code':'" + ORG_CODE + "','data':{}}";
            assertError(new RecordValidator(TestCategories.personBasic()).validate(raw(org), 1),
                    ErrorCode.SUBJECT_TYPE_NOT_ALLOWED, "subject_type");
        }

        @Test
        @DisplayName("subject_code is checksummed for its subject type")
        void subjectCode() {
            assertError(penalty(r -> r.remove("subject_code")), ErrorCode.MISSING_FIELD, "subject_code");
            assertError(penalty(r -> r.put("subject_code", "914403001922038217")), ErrorCode.INVALID_SUBJECT_CODE,
                    "subject_code");
            assertError(penalty(r -> r.put("subject_code", PERSON_ID)), ErrorCode.INVALID_SUBJECT_CODE,
                    "subject_code");
            assertError(penalty(r -> r.put("subject_code", 914403001922038216L)), ErrorCode.INVALID_SUBJECT_CODE,
                    "subject_code");
            assertError(penalty(r -> {
                r.put("subject_type", "person");
                r.put("subject_code", ORG_CODE);
            }), ErrorCode.INVALID_SUBJECT_CODE, "subject_code");
            assertError(penalty(r -> {
                r.put("subject_type", "person");
                r.put("subject_code", "110105194912310021");
            }), ErrorCode.INVALID_SUBJECT_CODE, "subject_code");
        }

        @Test
        @DisplayName("action must be upsert, revoke or repair")
        void action() {
            assertError(penalty(r -> r.put("action", "delete")), ErrorCode.INVALID_VALUE, "action");
            assertError(penalty(r -> r.put("action", "UPSERT")), ErrorCode.INVALID_VALUE, "action");
            assertError(penalty(r -> r.put("action", 1)), ErrorCode.INVALID_VALUE, "action");
        }

        @Test
        @DisplayName("an upsert needs data, as an object")
        void data() {
            assertError(penalty(r -> r.remove("data")), ErrorCode.MISSING_FIELD, "data");
            assertError(penalty(r -> r.put("data", null)), ErrorCode.MISSING_FIELD, "data");
            assertError(penalty(r -> r.put("data", List.of())), ErrorCode.INVALID_VALUE, "data");
            assertError(penalty(r -> r.put("data", "{}")), ErrorCode.INVALID_VALUE, "data");
        }

        @Test
        @DisplayName("unknown data fields are UNKNOWN_FIELD, reported before missing ones")
        void unknownDataField() {
            assertError(penaltyData(d -> d.put("fine", 1)), ErrorCode.UNKNOWN_FIELD, "fine");
            assertError(penaltyData(d -> d.put("decision-date", d.remove("decision_date"))), ErrorCode.UNKNOWN_FIELD,
                    "decision-date");
            // an organisation's tax figure is not prohibited, but admin_penalty has no such field
            assertError(penaltyData(d -> d.put("tax_paid", 1)), ErrorCode.UNKNOWN_FIELD, "tax_paid");
        }

        @Test
        @DisplayName("the envelope is judged before the data")
        void envelopeFirst() {
            assertError(penalty(r -> {
                r.put("subject_code", "bad");
                dataOf(r).put("decision_date", "2026-02-30");
            }), ErrorCode.INVALID_SUBJECT_CODE, "subject_code");
        }

        @Test
        @DisplayName("the record_id is kept in errors about later rules")
        void recordIdKeptInErrors() {
            assertThat(((RecordError) penaltyData(d -> d.put("decision_date", "2026-02-30"))).recordId())
                    .isEqualTo("CF-2024-000123");
            assertThat(((RecordError) penalty(r -> r.put("subject_type", "x"))).recordId())
                    .isEqualTo("CF-2024-000123");
            assertThat(((RecordError) penalty(r -> r.put("action", "x"))).line()).isEqualTo(7);
        }
    }

    @Nested
    @DisplayName("prohibited information")
    class Prohibited {

        @Test
        @DisplayName("a prohibited key in data is PROHIBITED_FIELD, naming the key and the topic")
        void inData() {
            RecordError error = assertError(penaltyData(d -> d.put("bloodType", "A")), ErrorCode.PROHIBITED_FIELD,
                    "bloodType");
            assertThat(error.message()).contains("blood type");
            assertThat(error.recordId()).isEqualTo("CF-2024-000123");
            assertError(penaltyData(d -> d.put("宗教信仰", "x")), ErrorCode.PROHIBITED_FIELD, "宗教信仰");
        }

        @Test
        @DisplayName("a prohibited key at the top level or nested anywhere is PROHIBITED_FIELD")
        void anywhere() {
            assertError(penalty(r -> r.put("religion", "x")), ErrorCode.PROHIBITED_FIELD, "religion");
            assertError(penaltyData(d -> d.put("facts", Map.of("income", 1))), ErrorCode.PROHIBITED_FIELD, "income");
            assertError(penalty(r -> r.put("extra", List.of(Map.of("note", Map.of("marital_status", "x"))))),
                    ErrorCode.PROHIBITED_FIELD, "marital_status");
            assertError(penalty(r -> r.put("data", List.of(Map.of("fingerprint", "x")))),
                    ErrorCode.PROHIBITED_FIELD, "fingerprint");
        }

        @Test
        @DisplayName("PROHIBITED_FIELD comes before every other rule")
        void beforeEverythingElse() {
            RecordError error = assertError(penalties.validate(raw("{'record_id':'R9','salary':1}"), 1),
                    ErrorCode.PROHIBITED_FIELD, "salary");
            assertThat(error.recordId()).isEqualTo("R9");
            assertError(penalty(r -> {
                r.put("subject_code", "bad");
                r.put("subject_type", "nobody");
                dataOf(r).remove("facts");
                dataOf(r).put("disease", "x");
            }), ErrorCode.PROHIBITED_FIELD, "disease");
        }

        @Test
        @DisplayName("a revoke's data is still checked for prohibited keys")
        void inRevokeData() {
            assertError(penalty(r -> {
                r.put("action", "revoke");
                r.put("data", Map.of("deposits", 1));
            }), ErrorCode.PROHIBITED_FIELD, "deposits");
        }

        @Test
        @DisplayName("tax amounts are prohibited for a person, not for an organisation")
        void taxAmountsByPerson() {
            assertError(penalty(r -> {
                r.put("subject_type", "person");
                r.put("subject_code", PERSON_ID);
                dataOf(r).put("tax_paid", 1);
            }), ErrorCode.PROHIBITED_FIELD, "tax_paid");
            // with no valid subject type, the stricter reading applies
            assertError(penalty(r -> {
                r.put("subject_type", "someone");
                dataOf(r).put("tax_paid", 1);
            }), ErrorCode.PROHIBITED_FIELD, "tax_paid");
        }
    }

    @Nested
    @DisplayName("malformed JSON")
    class Malformed {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"hello", "[1,2]", "'a string'", "42", "null", "{", "{'record_id':'R1'",
            "{'record_id':'R1',}", "{'record_id':'R1'} x", "{'record_id':'R1'} {}", "{'record_id':'R1'}}",
            "{record_id:'R1'}", "{\\'record_id\\':1}", "{'record_id':'R1' /* c */}", "{'a':01}",
            "{'a':[1,2}", "{'a':'raw\ttab'}", "{'a':'\\x'}"})
        @DisplayName("anything but one JSON object is INVALID_JSON")
        void notOneObject(String line) {
            assertError(penalties.validate(raw(line), 5), ErrorCode.INVALID_JSON, null);
        }

        @Test
        @DisplayName("a key twice in one object, at any level, is INVALID_JSON naming the key")
        void duplicateKeys() {
            assertError(penalties.validate(raw("{'record_id':'R1','record_id':'R2'}"), 1), ErrorCode.INVALID_JSON,
                    "record_id");
            RecordError error = assertError(penalties.validate(
                    raw("{'record_id':'R1','data':{'facts':'a','facts':'b'}}"), 1), ErrorCode.INVALID_JSON, "facts");
            assertThat(error.recordId()).isEqualTo("R1");
            assertError(penalties.validate(raw("{'record_id':'R1','x':[{'k':1,'k':2}]}"), 1), ErrorCode.INVALID_JSON,
                    "k");
        }

        @Test
        @DisplayName("malformed UTF-8 anywhere is INVALID_JSON: bad bytes, overlong forms, encoded surrogates")
        void invalidUtf8() {
            byte[][] badSequences = {
                {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xE4, (byte) 0xB8}};
            for (byte[] bad : badSequences) {
                byte[] inValue = splice(raw("{'record_id':'R1','data':{'facts':'ab"), bad, raw("'}}"));
                byte[] inKey = splice(raw("{'record_id':'R1','k"), bad, raw("':1}"));
                assertError(penalties.validate(inValue, 1), ErrorCode.INVALID_JSON, null);
                assertError(penalties.validate(inKey, 1), ErrorCode.INVALID_JSON, null);
            }
            assertValid(penalties.validate(json(penaltyRecord()), 1));
            RecordError error = (RecordError) penalties.validate(
                    splice(raw("{'record_id':'R1','data':{'facts':'"), new byte[] {(byte) 0xC0, (byte) 0xAF},
                            raw("'}}")), 1);
            assertThat(error.message()).contains("UTF-8");
            assertThat(error.recordId()).isEqualTo("R1");
        }

        @Test
        @DisplayName("a record_id read before the fault is kept in the error")
        void recordIdKept() {
            RecordError error = assertError(penalties.validate(raw("{'record_id':'R7','data':{'facts': nope}}"), 1),
                    ErrorCode.INVALID_JSON, null);
            assertThat(error.recordId()).isEqualTo("R7");
            assertThat(error.line()).isEqualTo(1);
        }

        @Test
        @DisplayName("deep nesting is INVALID_JSON, not a stack overflow")
        void deepNesting() {
            String deep = "{'record_id':'R1','x':" + "[".repeat(5000) + "]".repeat(5000) + "}";
            assertError(penalties.validate(raw(deep), 1), ErrorCode.INVALID_JSON, null);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{'record_id':'R1','subject_type':'org','subject_code':'SECRET-VALUE','data':{}}",
        "{'record_id':'R1','subject_type':'person','subject_code':'SECRET-VALUE','data':{}}",
        "{'record_id':'R1','subject_type':'SECRET-VALUE','subject_code':'x','data':{}}",
        "{'record_id':'R1','subject_type':'org','subject_code':'914403001922038216','action':'SECRET-VALUE'}",
        "{'record_id':'R1','subject_type':'org','subject_code':'914403001922038216','data':'SECRET-VALUE'}",
        "{'record_id':'R1','subject_type':'org','subject_code':'914403001922038216',"
                + "'data':{'penalty_type':'SECRET-VALUE'}}",
        "{'record_id':'R1','subject_type':'org','subject_code':'914403001922038216',"
                + "'data':{'religion':'SECRET-VALUE'}}",
        "{'record_id':'R1','data':{'facts':'SECRET-VALUE' x}}",
        "{'record_id':'R1','data':{'facts':SECRET-VALUE}}",
        "SECRET-VALUE",
        "{'record_id':'R1','SECRET-VALUE'}"})
    @DisplayName("error messages never repeat the submitted value")
    void messagesDoNotEchoValues(String line) {
        RecordOutcome outcome = penalties.validate(raw(line), 1);
        assertThat(outcome).isInstanceOf(RecordError.class);
        assertThat(((RecordError) outcome).message()).doesNotContain("SECRET");
    }

    @Test
    @DisplayName("messages about data values name the field and the rule, not the value")
    void dataMessagesDoNotEchoValues() {
        String secret = "110105194912310021";
        for (RecordOutcome outcome : List.of(
                penaltyData(d -> d.put("decision_date", secret)),
                penaltyData(d -> d.put("fine_amount", secret + "x")),
                penaltyData(d -> d.put("authority_code", secret)),
                penaltyData(d -> d.put("legal_rep", secret.repeat(3))),
                penalty(r -> r.put("subject_code", secret)),
                penalty(r -> {
                    r.put("subject_type", "person");
                    r.put("subject_code", secret);
                }))) {
            RecordError error = (RecordError) outcome;
            assertThat(error.message()).doesNotContain(secret).contains(error.field());
        }
    }

    @Test
    @DisplayName("an ID number's birth date is not repeated when it is what makes the number invalid")
    void birthDateNotEchoed() {
        String impossibleBirthDate = "11010519900230001X";  // 1990-02-30, check character right
        RecordError error = assertError(penalty(r -> {
            r.put("subject_type", "person");
            r.put("subject_code", impossibleBirthDate);
        }), ErrorCode.INVALID_SUBJECT_CODE, "subject_code");
        assertThat(error.message()).doesNotContain("1990").doesNotContain("0230").contains("GB 11643");
        RecordError inData = assertError(new RecordValidator(TestCategories.taxArrears()).validate(raw(
                "{'record_id':'t1','subject_type':'org','subject_code':'" + ORG_CODE + "','data':{"
                        + "'subject_name':'某公司','legal_rep':'赵六','legal_rep_id':'" + impossibleBirthDate + "',"
                        + "'tax_type':'增值税','arrears_amount':1,'tax_office':'某税务局','announce_date':'2024-06-30'}}"),
                1), ErrorCode.INVALID_VALUE, "legal_rep_id");
        assertThat(inData.message()).doesNotContain("1990").doesNotContain("0230");
    }

    @Test
    @DisplayName("a harmless explanation of a bad code is passed on")
    void codeExplanationKept() {
        RecordError error = assertError(penalty(r -> r.put("subject_code", "914403001922038217")),
                ErrorCode.INVALID_SUBJECT_CODE, "subject_code");
        assertThat(error.message()).contains("check character");
    }

    /** The start of a record in single-quoted JSON, up to the data. */
    private static String envelope(String recordId, String subjectType, String subjectCode) {
        return "{'record_id':'" + recordId + "','subject_type':'" + subjectType + "','subject_code':'" + subjectCode
                + "',";
    }

    private static byte[] splice(byte[] a, byte[] b, byte[] c) {
        byte[] out = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }
}
