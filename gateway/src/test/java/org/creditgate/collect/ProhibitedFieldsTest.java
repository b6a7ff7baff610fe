package org.creditgate.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.creditgate.catalog.SubjectType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProhibitedFieldsTest {

    /** Every field name in CATALOG.md, written out here so that a change to the fixtures cannot hide one. */
    private static final List<String> CATALOG_FIELD_NAMES = List.of(
            // admin_penalty
            "subject_name", "legal_rep", "decision_no", "violation_type", "facts", "basis", "penalty_type",
            "content", "fine_amount", "decision_date", "publish_until", "authority", "authority_code",
            // admin_license
            "license_type", "license_name", "license_no", "valid_from", "valid_to",
            // court_defaulter
            "case_no", "court", "basis_doc", "obligation", "performance", "circumstance", "publish_date",
            // tax_arrears
            "legal_rep_id", "tax_type", "arrears_amount", "new_arrears_amount", "tax_office", "announce_date",
            // utility_arrears
            "utility", "account_no", "amount_owed", "since", "contact_phone",
            // honor
            "title", "grantor", "grant_date", "level",
            // person_basic
            "gender", "birth_date", "education", "employer", "professional_qualifications");

    /** English names, in snake_case, with the topic they name. */
    static Stream<Arguments> englishSynonyms() {
        return Stream.of(
                Arguments.of("religion", "religious belief"),
                Arguments.of("religious_belief", "religious belief"),
                Arguments.of("faith", "religious belief"),
                Arguments.of("beliefs", "religious belief"),
                Arguments.of("gene", "genes"),
                Arguments.of("genes", "genes"),
                Arguments.of("genetic_data", "genes"),
                Arguments.of("dna", "genes"),
                Arguments.of("dna_sequence", "genes"),
                Arguments.of("genome", "genes"),
                Arguments.of("fingerprint", "fingerprints"),
                Arguments.of("fingerprints", "fingerprints"),
                Arguments.of("finger_print", "fingerprints"),
                Arguments.of("blood_type", "blood type"),
                Arguments.of("blood_group", "blood type"),
                Arguments.of("disease", "disease"),
                Arguments.of("diseases", "disease"),
                Arguments.of("illness", "disease"),
                Arguments.of("illnesses", "disease"),
                Arguments.of("diagnosis", "disease"),
                Arguments.of("health_condition", "disease"),
                Arguments.of("medical_history", "medical history"),
                Arguments.of("disease_history", "medical history"),
                Arguments.of("medical_record", "medical history"),
                Arguments.of("medical_records", "medical history"),
                Arguments.of("income", "income"),
                Arguments.of("annual_income", "income"),
                Arguments.of("monthly_income", "income"),
                Arguments.of("salary", "income"),
                Arguments.of("salaries", "income"),
                Arguments.of("wage", "income"),
                Arguments.of("wages", "income"),
                Arguments.of("earnings", "income"),
                Arguments.of("deposit", "deposits"),
                Arguments.of("deposits", "deposits"),
                Arguments.of("bank_deposit", "deposits"),
                Arguments.of("savings", "deposits"),
                Arguments.of("securities", "securities"),
                Arguments.of("securities_holdings", "securities"),
                Arguments.of("stock", "securities"),
                Arguments.of("stocks", "securities"),
                Arguments.of("shares", "securities"),
                Arguments.of("bonds", "securities"),
                Arguments.of("insurance", "commercial insurance"),
                Arguments.of("commercial_insurance", "commercial insurance"),
                Arguments.of("insurance_policy", "commercial insurance"),
                Arguments.of("life_insurance", "commercial insurance"),
                Arguments.of("commercial_medical_insurance", "commercial insurance"),
                Arguments.of("real_estate", "real estate"),
                Arguments.of("property", "real estate"),
                Arguments.of("properties", "real estate"),
                Arguments.of("house", "real estate"),
                Arguments.of("houses", "real estate"),
                Arguments.of("housing_property", "real estate"),
                Arguments.of("tax_paid", "tax amounts of natural persons"),
                Arguments.of("tax_amount", "tax amounts of natural persons"),
                Arguments.of("taxes_paid", "tax amounts of natural persons"),
                Arguments.of("income_tax", "tax amounts of natural persons"),
                Arguments.of("tax_arrears", "tax amounts of natural persons"),
                Arguments.of("tax", "tax amounts of natural persons"),
                Arguments.of("marital", "marital status"),
                Arguments.of("marital_status", "marital status"),
                Arguments.of("marriage", "marital status"),
                Arguments.of("spouse", "marital status"),
                Arguments.of("spouse_name", "marital status"),
                Arguments.of("race", "race"),
                Arguments.of("ethnicity", "race"),
                Arguments.of("ethnic", "race"),
                Arguments.of("ethnic_group", "race"),
                Arguments.of("nation", "race"),
                Arguments.of("family_origin", "family background"),
                Arguments.of("family_background", "family background"));
    }

    static Stream<Arguments> chineseSynonyms() {
        return Stream.of(
                Arguments.of("宗教信仰", "religious belief"),
                Arguments.of("宗教", "religious belief"),
                Arguments.of("信仰", "religious belief"),
                Arguments.of("基因", "genes"),
                Arguments.of("基因信息", "genes"),
                Arguments.of("指纹", "fingerprints"),
                Arguments.of("血型", "blood type"),
                Arguments.of("疾病", "disease"),
                Arguments.of("病史", "medical history"),
                Arguments.of("病历", "medical history"),
                Arguments.of("收入", "income"),
                Arguments.of("个人收入", "income"),
                Arguments.of("工资", "income"),
                Arguments.of("薪酬", "income"),
                Arguments.of("存款", "deposits"),
                Arguments.of("银行存款", "deposits"),
                Arguments.of("证券", "securities"),
                Arguments.of("有价证券", "securities"),
                Arguments.of("股票", "securities"),
                Arguments.of("保险", "commercial insurance"),
                Arguments.of("商业保险", "commercial insurance"),
                Arguments.of("商业医疗保险", "commercial insurance"),
                Arguments.of("不动产", "real estate"),
                Arguments.of("房产", "real estate"),
                Arguments.of("纳税额", "tax amounts of natural persons"),
                Arguments.of("纳税数额", "tax amounts of natural persons"),
                Arguments.of("婚姻", "marital status"),
                Arguments.of("婚姻状况", "marital status"),
                Arguments.of("种族", "race"),
                Arguments.of("民族", "race"),
                Arguments.of("家庭出身", "family background"));
    }

    @ParameterizedTest(name = "{0} names {1}")
    @MethodSource("englishSynonyms")
    @DisplayName("English names of prohibited information are refused for a person")
    void englishSynonymsAreRefused(String name, String topic) {
        assertThat(ProhibitedFields.prohibitedTopic(name, SubjectType.PERSON)).contains(topic);
    }

    @ParameterizedTest(name = "{0} in every spelling names {1}")
    @MethodSource("englishSynonyms")
    @DisplayName("case and separators do not matter: camelCase, PascalCase, kebab-case, UPPER_SNAKE, spaces")
    void spellingVariantsAreRefused(String name, String topic) {
        for (String variant : spellings(name)) {
            assertThat(ProhibitedFields.prohibitedTopic(variant, SubjectType.PERSON)).as(variant).contains(topic);
        }
    }

    @ParameterizedTest(name = "{0} names {1}")
    @MethodSource("chineseSynonyms")
    @DisplayName("Chinese names of prohibited information are refused for a person")
    void chineseSynonymsAreRefused(String name, String topic) {
        assertThat(ProhibitedFields.prohibitedTopic(name, SubjectType.PERSON)).contains(topic);
        assertThat(ProhibitedFields.prohibitedTopic("个人" + name + "_info", SubjectType.PERSON)).contains(topic);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"bloodtype", "BLOODTYPE", "bloodgroup", "maritalstatus", "realestate", "annualincome",
            "familybackground", "medicalhistory", "religiousbelief", "fingerprints", "taxpaid"})
    @DisplayName("names written run together are refused too")
    void runTogetherNamesAreRefused(String name) {
        assertThat(ProhibitedFields.prohibitedTopic(name, SubjectType.PERSON)).isPresent();
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("catalogNamesForEachSubjectType")
    @DisplayName("no field name of the shipped catalog is flagged, for either subject type")
    void catalogFieldsAreAllowed(String name, SubjectType subjectType) {
        assertThat(ProhibitedFields.prohibitedTopic(name, subjectType)).isEmpty();
        for (String variant : spellings(name)) {
            assertThat(ProhibitedFields.prohibitedTopic(variant, subjectType)).as(variant).isEmpty();
        }
    }

    static Stream<Arguments> catalogNamesForEachSubjectType() {
        return CATALOG_FIELD_NAMES.stream()
                .flatMap(name -> Stream.of(Arguments.of(name, SubjectType.ORG),
                        Arguments.of(name, SubjectType.PERSON)));
    }

    @Test
    @DisplayName("the hard-coded catalog names are exactly the fixture catalog's")
    void catalogListIsComplete() {
        assertThat(CATALOG_FIELD_NAMES).containsExactlyInAnyOrderElementsOf(TestCategories.allFieldNames());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"tax_paid", "tax_amount", "income_tax", "tax_arrears", "taxable_income", "tax",
            "纳税额", "纳税数额", "所得税"})
    @DisplayName("tax amounts are refused for persons only: an organisation's taxes are its own")
    void taxAmountsArePersonOnly(String name) {
        assertThat(ProhibitedFields.prohibitedTopic(name, SubjectType.PERSON))
                .contains("tax amounts of natural persons");
        assertThat(ProhibitedFields.prohibitedTopic(name, SubjectType.ORG)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"religion", "blood_type", "income", "marital_status", "real_estate", "spouse", "婚姻"})
    @DisplayName("other topics are refused for organisations too: their records name natural persons")
    void otherTopicsApplyToOrganisations(String name) {
        assertThat(ProhibitedFields.prohibitedTopic(name, SubjectType.ORG)).isPresent();
    }

    @Test
    @DisplayName("an unknown subject type reads as a person, the stricter reading")
    void unknownSubjectTypeIsStrict() {
        assertThat(ProhibitedFields.prohibitedTopic("tax_amount", null)).contains("tax amounts of natural persons");
        assertThat(ProhibitedFields.prohibitedTopic("subject_name", null)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"social_insurance_arrears", "socialInsurance", "unemployment_insurance",
            "work_injury_insurance", "社会保险", "社会保险费欠缴", "养老保险", "intellectual_property", "good_faith",
            "good_faith_rating", "house_number", "nationality", "security_level", "social_security_no", "general",
            "trace_id", "warehouse", "sewage_fee", "stockholder_meeting_no", "designation", "stance",
            "amount", "paid_at", "balance", "record", "history", "status", "type", "", "___", "123"})
    @DisplayName("look-alikes and allowed phrases are not flagged")
    void lookAlikesAreAllowed(String name) {
        assertThat(ProhibitedFields.prohibitedTopic(name, SubjectType.PERSON)).isEmpty();
    }

    @Test
    @DisplayName("full-width letters are folded before matching")
    void fullWidthLetters() {
        assertThat(ProhibitedFields.prohibitedTopic("ｂｌｏｏｄ＿ｔｙｐｅ", SubjectType.PERSON)).contains("blood type");
    }

    @Test
    @DisplayName("camelCase humps and acronyms split into words")
    void wordSplitting() {
        assertThat(ProhibitedFields.words("DNASequence2024")).containsExactly("dna", "sequence", "2024");
        assertThat(ProhibitedFields.words("blood-Type  GROUP")).containsExactly("blood", "type", "group");
        assertThat(ProhibitedFields.words("maritalStatusOf血型")).containsExactly("marital", "status", "of");
    }

    @Test
    @DisplayName("plurals are read as their singular; words ending in -ss, -us or -is are not plurals")
    void singulars() {
        assertThat(ProhibitedFields.singular("properties")).isEqualTo("property");
        assertThat(ProhibitedFields.singular("taxes")).isEqualTo("tax");
        assertThat(ProhibitedFields.singular("illnesses")).isEqualTo("illness");
        assertThat(ProhibitedFields.singular("diseases")).isEqualTo("disease");
        assertThat(ProhibitedFields.singular("status")).isEqualTo("status");
        assertThat(ProhibitedFields.singular("basis")).isEqualTo("basis");
        assertThat(ProhibitedFields.singular("illness")).isEqualTo("illness");
    }

    /** snake_case name → the same words in the other usual conventions. */
    private static List<String> spellings(String snake) {
        String[] words = snake.split("_");
        List<String> variants = new ArrayList<>();
        variants.add(snake.toUpperCase(Locale.ROOT));
        variants.add(String.join("-", words));
        variants.add(String.join(" ", words));
        variants.add(String.join(".", words));
        StringBuilder camel = new StringBuilder(words[0]);
        StringBuilder pascal = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            String capitalised = word.isEmpty() ? "" : Character.toUpperCase(word.charAt(0)) + word.substring(1);
            if (i > 0) {
                camel.append(capitalised);
            }
            pascal.append(capitalised);
        }
        variants.add(camel.toString());
        variants.add(pascal.toString());
        return variants;
    }
}
