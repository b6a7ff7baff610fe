package org.creditgate.disclose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.creditgate.disclose.ShippedCatalog.category;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.HashMap;
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
import org.creditgate.subject.Masking;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Projection: the fields a viewer sees, and how")
class ProjectionTest {

    private static Field field(String name, FieldType.Kind kind, Disclosure disclosure, Map<Disclosure, Mask> masks) {
        return new Field(name, name, FieldType.of(kind), Requirement.OPTIONAL, disclosure, masks, 0);
    }

    private static Category customCategory(String id, Field... fields) {
        return new Category(id, id, Set.of(SubjectType.ORG, SubjectType.PERSON), Disclosure.PUBLIC, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, List.of(fields));
    }

    private static StoredRecord record(String categoryId, SubjectType subjectType, Map<String, ?> data) {
        return StoredRecords.of(categoryId, subjectType).data(data).build();
    }

    @Nested
    @DisplayName("audiences and masks")
    class Audiences {

        @Test
        @DisplayName("a viewer in several audiences gets the least masking: government sees legal_rep_id in full")
        void leastMasked() {
            StoredRecord record = StoredRecords.of("tax_arrears", SubjectType.ORG)
                    .put("legal_rep_id", "11010519491231002X").build();

            assertThat(Projection.project(category("tax_arrears"), record, Viewer.GOVERNMENT, false))
                    .contains(Map.of("legal_rep_id", "11010519491231002X"));
            assertThat(Projection.project(category("tax_arrears"), record, Viewer.AGENCY, true))
                    .contains(Map.of("legal_rep_id", "110105********002X"));
        }

        @Test
        @DisplayName("an agency authorized for the category sees the birth date as a year, without authorization nothing")
        void authorizedMask() {
            StoredRecord record = StoredRecords.of("person_basic", SubjectType.PERSON)
                    .put("birth_date", "1990-07-01").put("employer", "某某公司").put("gender", "女").build();

            assertThat(Projection.project(category("person_basic"), record, Viewer.AGENCY, true))
                    .contains(Map.of("birth_date", "1990", "employer", "某某公司"));
            assertThat(Projection.project(category("person_basic"), record, Viewer.AGENCY, false)).isEmpty();
        }

        @Test
        @DisplayName("when two audiences mask a field differently, the more privileged audience's mask applies")
        void conflictingPartialMasks() {
            Category category = customCategory("custom",
                    field("phone", FieldType.Kind.STRING, Disclosure.SHARED,
                            Map.of(Disclosure.PUBLIC, Mask.PERSON_NAME, Disclosure.SHARED, Mask.PHONE)));
            StoredRecord record = record("custom", SubjectType.ORG, Map.of("phone", "13812341234"));

            assertThat(Projection.project(category, record, Viewer.GOVERNMENT, false))
                    .contains(Map.of("phone", "138****1234"));
            assertThat(Projection.project(category, record, Viewer.PUBLIC, false))
                    .contains(Map.of("phone", "1**********"));
        }

        @Test
        @DisplayName("judicial organs and the subject's portal see even the fields masked for authorized agencies in full")
        void fullForJudicialAndPortal() {
            StoredRecord record = StoredRecords.of("utility_arrears", SubjectType.PERSON)
                    .put("contact_phone", "13812341234").build();

            for (Viewer viewer : List.of(Viewer.JUDICIAL, Viewer.PORTAL)) {
                assertThat(Projection.project(category("utility_arrears"), record, viewer, false)).as("%s", viewer)
                        .contains(Map.of("contact_phone", "13812341234"));
            }
        }
    }

    @Nested
    @DisplayName("desensitisation for the public")
    class Desensitisation {

        @Test
        @DisplayName("a catalog entry cannot show a person's name to the public in full")
        void fullByCatalogIsStillMasked() {
            Category category = customCategory("custom", field("subject_name", FieldType.Kind.STRING, Disclosure.SHARED,
                    Map.of(Disclosure.PUBLIC, Mask.FULL)));
            StoredRecord record = record("custom", SubjectType.PERSON, Map.of("subject_name", "张三丰"));

            assertThat(Projection.project(category, record, Viewer.PUBLIC, false))
                    .contains(Map.of("subject_name", "张**"));
        }

        @Test
        @DisplayName("a catalog mask and the desensitisation both apply: the result shows no more than either")
        void masksCompose() {
            // the id_number mask alone would show 10 characters of this long name, person_name alone 1
            Category category = customCategory("custom", field("subject_name", FieldType.Kind.STRING, Disclosure.PUBLIC,
                    Map.of(Disclosure.PUBLIC, Mask.ID_NUMBER)));
            String name = "Muhammad Abdullah Khan";
            StoredRecord record = record("custom", SubjectType.PERSON, Map.of("subject_name", name));

            Object shown = Projection.project(category, record, Viewer.PUBLIC, false).orElseThrow().get("subject_name");

            assertThat(shown).isEqualTo("M" + "*".repeat(name.length() - 1));
            assertThat(Masking.idNumber(name)).isEqualTo("Muhamm************Khan");
        }

        @Test
        @DisplayName("a field the catalog hides from the public stays hidden, name or not")
        void hiddenStaysHidden() {
            Category category = customCategory("custom",
                    field("subject_name", FieldType.Kind.STRING, Disclosure.PUBLIC, Map.of(Disclosure.PUBLIC, Mask.HIDDEN)),
                    field("holder_id", FieldType.Kind.ID_NUMBER, Disclosure.SHARED, Map.of()));
            StoredRecord record = record("custom", SubjectType.PERSON,
                    Map.of("subject_name", "张三丰", "holder_id", "11010519491231002X"));

            assertThat(Projection.project(category, record, Viewer.PUBLIC, false)).isEmpty();
        }

        @Test
        @DisplayName("any ID number field is desensitised for the public, whoever the subject")
        void idNumbersOfOrganisations() {
            Category category = customCategory("custom",
                    field("director_id", FieldType.Kind.ID_NUMBER, Disclosure.PUBLIC, Map.of()));
            StoredRecord record = record("custom", SubjectType.ORG, Map.of("director_id", "11010519491231002X"));

            assertThat(Projection.project(category, record, Viewer.PUBLIC, false))
                    .contains(Map.of("director_id", "110105********002X"));
            assertThat(Projection.project(category, record, Viewer.GOVERNMENT, false))
                    .contains(Map.of("director_id", "11010519491231002X"));
        }

        @Test
        @DisplayName("an organisation's name and legal representative are shown to the public as published (双公示)")
        void organisations() {
            StoredRecord record = StoredRecords.of("admin_penalty", SubjectType.ORG)
                    .put("subject_name", "深圳市某某科技有限公司").put("legal_rep", "张三丰").build();

            assertThat(Projection.project(category("admin_penalty"), record, Viewer.PUBLIC, false))
                    .contains(Map.of("subject_name", "深圳市某某科技有限公司", "legal_rep", "张三丰"));
        }

        @Test
        @DisplayName("government users and agencies see a person's name as the catalog says, unmasked")
        void notForOtherViewers() {
            StoredRecord record = StoredRecords.of("admin_penalty", SubjectType.PERSON)
                    .put("subject_name", "张三丰").build();

            for (Viewer viewer : List.of(Viewer.GOVERNMENT, Viewer.AGENCY)) {
                assertThat(Projection.project(category("admin_penalty"), record, viewer, false)).as("%s", viewer)
                        .contains(Map.of("subject_name", "张三丰"));
            }
        }
    }

    @Nested
    @DisplayName("stored values")
    class Values {

        static List<Object> decimals() {
            // as BigDecimal, Double, Float and numeric text
            return List.of(new BigDecimal("20.5"), 20.5d, 20.5f, "20.5");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @MethodSource("decimals")
        @DisplayName("a decimal is shown as a BigDecimal however the stored JSON was read")
        void decimalsAreBigDecimals(Object stored) {
            StoredRecord record = StoredRecords.of("admin_penalty", SubjectType.ORG).put("fine_amount", stored).build();

            Object shown = Projection.project(category("admin_penalty"), record, Viewer.PUBLIC, false)
                    .orElseThrow().get("fine_amount");

            assertThat(shown).isInstanceOf(BigDecimal.class);
            assertThat((BigDecimal) shown).isEqualByComparingTo("20.5");
        }

        @Test
        @DisplayName("whole decimals read as integers are shown as BigDecimals too")
        void integers() {
            for (Object stored : List.of(20, 20L, BigInteger.valueOf(20))) {
                StoredRecord record = StoredRecords.of("admin_penalty", SubjectType.ORG)
                        .put("fine_amount", stored).build();

                assertThat(Projection.project(category("admin_penalty"), record, Viewer.PUBLIC, false))
                        .as("%s", stored.getClass()).contains(Map.of("fine_amount", new BigDecimal("20")));
            }
        }

        @Test
        @DisplayName("a value that does not fit its field's type is left out, not shown as it is")
        void wrongShapes() {
            Map<String, Object> data = new HashMap<>();
            data.put("fine_amount", Double.NaN);
            data.put("facts", Map.of("nested", "11010519491231002X"));
            data.put("content", 42);
            data.put("basis", List.of("a"));
            data.put("decision_no", "罚〔2024〕1号");
            StoredRecord record = StoredRecords.of("admin_penalty", SubjectType.ORG).data(data).build();

            assertThat(Projection.project(category("admin_penalty"), record, Viewer.JUDICIAL, false))
                    .contains(Map.of("decision_no", "罚〔2024〕1号"));
        }

        @Test
        @DisplayName("a decimal under a mask is left out: masks work on text")
        void maskedDecimal() {
            Category category = customCategory("custom", field("amount", FieldType.Kind.DECIMAL, Disclosure.SHARED,
                    Map.of(Disclosure.PUBLIC, Mask.PHONE)));
            StoredRecord record = record("custom", SubjectType.ORG, Map.of("amount", new BigDecimal("12345678")));

            assertThat(Projection.project(category, record, Viewer.PUBLIC, false)).isEmpty();
            assertThat(Projection.project(category, record, Viewer.GOVERNMENT, false))
                    .contains(Map.of("amount", new BigDecimal("12345678")));
        }

        @Test
        @DisplayName("a field the record does not carry, or carries as null, is left out rather than shown as null")
        void absentFields() {
            Map<String, Object> data = new HashMap<>();
            data.put("decision_no", "罚〔2024〕1号");
            data.put("legal_rep", null);
            StoredRecord record = StoredRecords.of("admin_penalty", SubjectType.ORG).data(data).build();

            Map<String, Object> shown = Projection.project(category("admin_penalty"), record, Viewer.PUBLIC, false)
                    .orElseThrow();

            assertThat(shown).containsOnlyKeys("decision_no");
        }

        @Test
        @DisplayName("the result cannot be changed by its reader")
        void unmodifiable() {
            StoredRecord record = StoredRecords.of("honor", SubjectType.ORG).put("title", "守合同重信用企业").build();
            Map<String, Object> shown = Projection.project(category("honor"), record, Viewer.PUBLIC, false)
                    .orElseThrow();

            assertThatThrownBy(() -> shown.put("religion", "x")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("a record projected with another category's fields is a programming error")
        void wrongCategory() {
            StoredRecord record = StoredRecords.of("honor", SubjectType.ORG).build();

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Projection.project(category("admin_penalty"), record, Viewer.PUBLIC, false));
        }
    }

    @Nested
    @DisplayName("disclosure policy: visibility, then projection")
    class Policy {

        private static final LocalDate TODAY = LocalDate.parse("2024-06-01");

        private StoredRecord penalty(ObjectionState objection) {
            return StoredRecords.of("admin_penalty", SubjectType.PERSON).periodStart("2024-03-15")
                    .objection(objection).put("subject_name", "张三丰").put("decision_no", "罚〔2024〕1号").build();
        }

        @Test
        @DisplayName("a visible record comes with its identity, its flag and its masked data")
        void disclosed() {
            DisclosedRecord disclosed = new DisclosurePolicy(ObjectionPolicy.FLAG)
                    .disclose(category("admin_penalty"), penalty(ObjectionState.OPEN), Viewer.PUBLIC, false, TODAY)
                    .orElseThrow();

            assertThat(disclosed).isEqualTo(new DisclosedRecord("admin_penalty", "R-1", "sz-amr", 3,
                    StoredRecords.UPDATED_AT, true, Map.of("subject_name", "张**", "decision_no", "罚〔2024〕1号")));
        }

        @Test
        @DisplayName("a withheld record is disclosed to no public viewer, whatever its fields")
        void withheld() {
            Optional<DisclosedRecord> disclosed = new DisclosurePolicy(ObjectionPolicy.WITHHOLD)
                    .disclose(category("admin_penalty"), penalty(ObjectionState.OPEN), Viewer.PUBLIC, false, TODAY);

            assertThat(disclosed).isEmpty();
        }

        @Test
        @DisplayName("a visible record of which the viewer sees no field is left out")
        void nothingToShow() {
            StoredRecord arrears = StoredRecords.of("utility_arrears", SubjectType.PERSON).periodStart("2024-03-15")
                    .put("amount_owed", new BigDecimal("310.20")).build();

            assertThat(new DisclosurePolicy(ObjectionPolicy.FLAG)
                    .disclose(category("utility_arrears"), arrears, Viewer.AGENCY, false, TODAY)).isEmpty();
            assertThat(new DisclosurePolicy(ObjectionPolicy.FLAG)
                    .disclose(category("utility_arrears"), arrears, Viewer.AGENCY, true, TODAY)).isPresent();
        }
    }
}
