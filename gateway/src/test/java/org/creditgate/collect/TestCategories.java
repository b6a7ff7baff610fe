package org.creditgate.collect;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.Disclosure;
import org.creditgate.catalog.Field;
import org.creditgate.catalog.FieldType;
import org.creditgate.catalog.Mask;
import org.creditgate.catalog.Requirement;
import org.creditgate.catalog.SubjectType;

/** The shipped categories of CATALOG.md, built by hand from the model (no YAML), for the collection tests. */
final class TestCategories {

    private static final Set<SubjectType> BOTH = Set.of(SubjectType.ORG, SubjectType.PERSON);

    private TestCategories() {
    }

    static Category adminPenalty() {
        return new Category("admin_penalty", "行政处罚", BOTH, Disclosure.PUBLIC,
                Optional.of(Period.ofYears(3)), Optional.of(Period.ofYears(5)),
                Optional.of("decision_date"), Optional.empty(), false, List.of(
                        string("subject_name", Requirement.REQUIRED, 200),
                        string("legal_rep", Requirement.REQUIRED_FOR_ORG, 50),
                        string("decision_no", Requirement.REQUIRED, 100),
                        string("violation_type", Requirement.REQUIRED, 200),
                        string("facts", Requirement.REQUIRED, 4000),
                        string("basis", Requirement.REQUIRED, 2000),
                        enumField("penalty_type", Requirement.REQUIRED, "警告", "通报批评", "罚款", "没收违法所得",
                                "没收非法财物", "暂扣许可证件", "降低资质等级", "吊销许可证件", "限制开展生产经营活动",
                                "责令停产停业", "责令关闭", "限制从业", "行政拘留", "其他"),
                        string("content", Requirement.REQUIRED, 4000),
                        typed("fine_amount", FieldType.Kind.DECIMAL, Requirement.OPTIONAL),
                        typed("decision_date", FieldType.Kind.DATE, Requirement.REQUIRED),
                        typed("publish_until", FieldType.Kind.DATE, Requirement.OPTIONAL),
                        string("authority", Requirement.REQUIRED, 200),
                        typed("authority_code", FieldType.Kind.CREDIT_CODE, Requirement.REQUIRED)));
    }

    static Category adminLicense() {
        return new Category("admin_license", "行政许可", BOTH, Disclosure.PUBLIC,
                Optional.of(Period.ofYears(3)), Optional.empty(),
                Optional.of("decision_date"), Optional.of("valid_to"), false, List.of(
                        string("subject_name", Requirement.REQUIRED, 200),
                        string("legal_rep", Requirement.REQUIRED_FOR_ORG, 50),
                        string("decision_no", Requirement.REQUIRED, 100),
                        enumField("license_type", Requirement.REQUIRED, "普通", "特许", "认可", "核准", "登记", "其他"),
                        string("license_name", Requirement.OPTIONAL, 200),
                        string("license_no", Requirement.OPTIONAL, 100),
                        string("content", Requirement.REQUIRED, 4000),
                        typed("decision_date", FieldType.Kind.DATE, Requirement.REQUIRED),
                        typed("valid_from", FieldType.Kind.DATE, Requirement.REQUIRED),
                        typed("valid_to", FieldType.Kind.DATE, Requirement.OPTIONAL),
                        string("authority", Requirement.REQUIRED, 200),
                        typed("authority_code", FieldType.Kind.CREDIT_CODE, Requirement.REQUIRED)));
    }

    static Category courtDefaulter() {
        return new Category("court_defaulter", "失信被执行人", BOTH, Disclosure.PUBLIC,
                Optional.of(Period.ofYears(5)), Optional.empty(),
                Optional.of("publish_date"), Optional.empty(), false, List.of(
                        string("subject_name", Requirement.REQUIRED, 200),
                        string("legal_rep", Requirement.REQUIRED_FOR_ORG, 50),
                        string("case_no", Requirement.REQUIRED, 100),
                        string("court", Requirement.REQUIRED, 200),
                        string("basis_doc", Requirement.REQUIRED, 200),
                        string("obligation", Requirement.REQUIRED, 4000),
                        enumField("performance", Requirement.REQUIRED, "全部未履行", "部分未履行"),
                        string("circumstance", Requirement.REQUIRED, 4000),
                        typed("publish_date", FieldType.Kind.DATE, Requirement.REQUIRED)));
    }

    static Category taxArrears() {
        return new Category("tax_arrears", "欠税信息", Set.of(SubjectType.ORG), Disclosure.PUBLIC,
                Optional.of(Period.ofYears(3)), Optional.empty(),
                Optional.of("announce_date"), Optional.empty(), false, List.of(
                        string("subject_name", Requirement.REQUIRED, 200),
                        string("legal_rep", Requirement.REQUIRED, 50),
                        new Field("legal_rep_id", "法定代表人身份证号码", FieldType.of(FieldType.Kind.ID_NUMBER),
                                Requirement.REQUIRED, Disclosure.SHARED, Map.of(Disclosure.PUBLIC, Mask.ID_NUMBER), 0),
                        string("tax_type", Requirement.REQUIRED, 100),
                        typed("arrears_amount", FieldType.Kind.DECIMAL, Requirement.REQUIRED),
                        typed("new_arrears_amount", FieldType.Kind.DECIMAL, Requirement.OPTIONAL),
                        string("tax_office", Requirement.REQUIRED, 200),
                        typed("announce_date", FieldType.Kind.DATE, Requirement.REQUIRED)));
    }

    static Category utilityArrears() {
        return new Category("utility_arrears", "公用事业欠费", BOTH, Disclosure.AUTHORIZED,
                Optional.of(Period.ofYears(5)), Optional.empty(),
                Optional.of("since"), Optional.empty(), false, List.of(
                        string("subject_name", Requirement.REQUIRED, 200),
                        enumField("utility", Requirement.REQUIRED, "水", "电", "燃气", "供暖"),
                        string("account_no", Requirement.REQUIRED, 64),
                        typed("amount_owed", FieldType.Kind.DECIMAL, Requirement.REQUIRED),
                        typed("since", FieldType.Kind.DATE, Requirement.REQUIRED),
                        string("contact_phone", Requirement.OPTIONAL, 32)));
    }

    static Category honor() {
        return new Category("honor", "表彰奖励", BOTH, Disclosure.PUBLIC,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true, List.of(
                        string("subject_name", Requirement.REQUIRED, 200),
                        string("title", Requirement.REQUIRED, 200),
                        string("grantor", Requirement.REQUIRED, 200),
                        typed("grant_date", FieldType.Kind.DATE, Requirement.REQUIRED),
                        enumField("level", Requirement.REQUIRED, "国家级", "省级", "市级", "县级")));
    }

    static Category personBasic() {
        return new Category("person_basic", "自然人基本信息", Set.of(SubjectType.PERSON), Disclosure.SHARED,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, List.of(
                        string("subject_name", Requirement.REQUIRED, 50),
                        enumField("gender", Requirement.OPTIONAL, "男", "女"),
                        typed("birth_date", FieldType.Kind.DATE, Requirement.OPTIONAL),
                        string("education", Requirement.OPTIONAL, 50),
                        string("employer", Requirement.OPTIONAL, 200),
                        string("professional_qualifications", Requirement.OPTIONAL, 500)));
    }

    static List<Category> all() {
        return List.of(adminPenalty(), adminLicense(), courtDefaulter(), taxArrears(), utilityArrears(), honor(),
                personBasic());
    }

    /** Every field name of the shipped catalog. */
    static List<String> allFieldNames() {
        List<String> names = new ArrayList<>();
        for (Category category : all()) {
            for (Field field : category.fields()) {
                if (!names.contains(field.name())) {
                    names.add(field.name());
                }
            }
        }
        return names;
    }

    private static Field string(String name, Requirement requirement, int maxLength) {
        return new Field(name, name, FieldType.of(FieldType.Kind.STRING), requirement, Disclosure.PUBLIC, Map.of(),
                maxLength);
    }

    private static Field typed(String name, FieldType.Kind kind, Requirement requirement) {
        return new Field(name, name, FieldType.of(kind), requirement, Disclosure.PUBLIC, Map.of(), 0);
    }

    private static Field enumField(String name, Requirement requirement, String... values) {
        return new Field(name, name, FieldType.enumOf(List.of(values)), requirement, Disclosure.PUBLIC, Map.of(), 0);
    }
}
