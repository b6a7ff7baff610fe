package org.creditgate.testing;

import io.vertx.core.json.JsonObject;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.Field;
import org.creditgate.catalog.SubjectType;

/**
 * Complete records of any catalog category with recognisable values, so a test can tell exactly which value of
 * which field reached a caller, and prove that the sensitive ones never reach the wrong one.
 */
public final class CatalogRecords {

    /** A natural person's full name, a full ID number and a phone number: the public must never see them whole. */
    public static final String PERSON_NAME = "张三丰";
    public static final String ID_NUMBER = "11010519491231002X";
    public static final String PHONE = "13812341234";
    public static final String LEGAL_REP = "李四光";

    private CatalogRecords() {
    }

    /** Every field of the category filled; dates are {@code date}, so the record's period is known. */
    public static JsonObject data(Category category, SubjectType subjectType, String date) {
        JsonObject data = new JsonObject();
        for (Field field : category.fields()) {
            data.put(field.name(), value(field, subjectType, date));
        }
        return data;
    }

    public static JsonObject record(Category category, SubjectType subjectType, String subjectCode, String recordId,
                                    String date) {
        return new JsonObject().put("record_id", recordId).put("subject_type", subjectType.wireName())
                .put("subject_code", subjectCode).put("data", data(category, subjectType, date));
    }

    private static Object value(Field field, SubjectType subjectType, String date) {
        return switch (field.type().kind()) {
            case DATE -> date;
            case DECIMAL -> "12.5";
            case CREDIT_CODE -> Records.orgCode(999_999_998L);
            case ID_NUMBER -> ID_NUMBER;
            case ENUM -> field.type().enumValues().get(0);
            case STRING -> switch (field.name()) {
                case "subject_name" -> subjectType == SubjectType.PERSON ? PERSON_NAME : "深圳市某某科技有限公司";
                case "legal_rep" -> LEGAL_REP;
                case "contact_phone" -> PHONE;
                default -> "值-" + field.name();
            };
        };
    }
}
