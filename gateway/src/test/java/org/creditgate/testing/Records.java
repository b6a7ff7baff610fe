package org.creditgate.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.creditgate.subject.SubjectCodes;

import java.time.LocalDate;

/** Valid subject codes and records of the shipped catalog, for black-box tests and benchmarks. */
public final class Records {

    private Records() {
    }

    /** The n-th organisation code: a valid GB 32100 code, distinct for every n below one billion. */
    public static String orgCode(long n) {
        return SubjectCodes.withCreditCodeCheck(String.format("91440300%09d", n));
    }

    /** The n-th person: a valid GB 11643 number, distinct for every n below 3,650,000 (10 000 days × 365). */
    public static String personCode(long n) {
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(n % 10_000);
        return SubjectCodes.withIdNumberCheck(String.format("110105%04d%02d%02d%03d", birth.getYear(),
                birth.getMonthValue(), birth.getDayOfMonth(), (n / 10_000) % 1000));
    }

    /** A complete, valid admin_penalty data object. */
    public static JsonObject penaltyData(String subjectName, String decisionDate) {
        return new JsonObject()
                .put("subject_name", subjectName)
                .put("legal_rep", "王五")
                .put("decision_no", "深市监罚〔2026〕12号")
                .put("violation_type", "虚假广告")
                .put("facts", "发布虚假广告")
                .put("basis", "《中华人民共和国广告法》第五十五条")
                .put("penalty_type", "罚款")
                .put("content", "罚款人民币贰万元")
                .put("fine_amount", "2.0")
                .put("decision_date", decisionDate)
                .put("authority", "深圳市市场监督管理局")
                .put("authority_code", orgCode(999_999_999L));
    }

    public static JsonObject penalty(String recordId, String orgCode, String decisionDate) {
        return new JsonObject().put("record_id", recordId).put("subject_type", "org").put("subject_code", orgCode)
                .put("action", "upsert").put("data", penaltyData("深圳市某某科技有限公司", decisionDate));
    }

    public static JsonObject withdraw(String recordId, String orgCode, String action) {
        return new JsonObject().put("record_id", recordId).put("subject_type", "org").put("subject_code", orgCode)
                .put("action", action);
    }

    /** NDJSON of the given records, one per line. */
    public static Buffer ndjson(JsonObject... records) {
        Buffer body = Buffer.buffer();
        for (JsonObject record : records) {
            body.appendString(record.encode()).appendString("\n");
        }
        return body;
    }
}
