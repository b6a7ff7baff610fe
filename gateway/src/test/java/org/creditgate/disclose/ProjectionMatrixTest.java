package org.creditgate.disclose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.SubjectType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every viewer × shipped category × subject type × authorization, every field: what {@link Projection} shows is
 * compared, value for value and in order, with what CATALOG.md and API.md say should be shown. The expectation is
 * computed here from the documents' text (the field table transcribed in {@code catalog/shipped-fields.csv}, the masks
 * noted in its disclosure column, the roles of API.md), never from the catalog model, so a loader or projection
 * mistake cannot agree with itself.
 */
@DisplayName("Projection matrix: what each viewer sees of each shipped field")
class ProjectionMatrixTest {

    static final String ID_NUMBER = "11010519491231002X";
    static final String PERSON_NAME = "张三丰";
    static final String PHONE = "13812341234";
    static final String ORG_NAME = "深圳市某某科技有限公司";
    static final String CREDIT_CODE = "11440300MB2C9460XM";
    static final String DATE = "1949-12-31";
    static final BigDecimal DECIMAL = new BigDecimal("20.50");

    /** The subject types of each category, from CATALOG.md's section titles. */
    static final Map<String, Set<SubjectType>> SUBJECT_TYPES = Map.of(
            "admin_penalty", Set.of(SubjectType.ORG, SubjectType.PERSON),
            "admin_license", Set.of(SubjectType.ORG, SubjectType.PERSON),
            "court_defaulter", Set.of(SubjectType.ORG, SubjectType.PERSON),
            "tax_arrears", Set.of(SubjectType.ORG),
            "utility_arrears", Set.of(SubjectType.ORG, SubjectType.PERSON),
            "honor", Set.of(SubjectType.ORG, SubjectType.PERSON),
            "person_basic", Set.of(SubjectType.PERSON));

    /** The masks CATALOG.md notes in the disclosure column: "category.field" → audience → mask. */
    static final Map<String, Map<String, String>> DOCUMENTED_MASKS = Map.of(
            "tax_arrears.legal_rep_id", Map.of("public", "id_number"),
            "utility_arrears.contact_phone", Map.of("authorized", "phone"),
            "person_basic.birth_date", Map.of("authorized", "year_only"));

    /** CATALOG.md's masking examples, applied to this test's sample values. */
    static final Map<String, String> MASKED_SAMPLES = Map.of(
            "person_name " + PERSON_NAME, "张**",
            "id_number " + ID_NUMBER, "110105********002X",
            "phone " + PHONE, "138****1234",
            "year_only " + DATE, "1949");

    /** Stored keys that are not catalog fields: they must never be shown. */
    static final Map<String, Object> UNKNOWN_KEYS = Map.of(
            "religion", "佛教",
            "internal_note", ID_NUMBER,
            "spouse_phone", PHONE);

    record DocumentedField(String category, String name, String type, String disclosure) {
    }

    static final List<DocumentedField> FIELDS = readDocumentedFields();

    // ---------------------------------------------------------------------------------------------------------------
    // the expectation, from the documents

    /** The audiences a viewer belongs to (API.md, "Roles"). */
    static Set<String> audiences(Viewer viewer, boolean authorized) {
        return switch (viewer) {
            case PUBLIC -> Set.of("public");
            case GOVERNMENT -> Set.of("public", "shared");
            case AGENCY -> authorized ? Set.of("public", "authorized") : Set.of("public");
            case JUDICIAL, PORTAL -> Set.of("public", "shared", "authorized");
        };
    }

    /** What the viewer should be shown of one field: empty when nothing. */
    static Optional<Object> expectedValue(DocumentedField field, SubjectType subjectType, Viewer viewer,
                                          boolean authorized) {
        Object sample = sample(field, subjectType);
        if (viewer == Viewer.JUDICIAL || viewer == Viewer.PORTAL) {
            return Optional.of(sample);
        }
        Map<String, String> documented = DOCUMENTED_MASKS.getOrDefault(field.category() + "." + field.name(), Map.of());
        Set<String> masks = new TreeSet<>();
        for (String audience : audiences(viewer, authorized)) {
            if (documented.containsKey(audience)) {
                masks.add(documented.get(audience));
            } else if (audience.equals(field.disclosure())) {
                masks.add("full");
            }
        }
        if (masks.isEmpty()) {
            return Optional.empty();
        }
        String mask = masks.contains("full") ? "full" : single(masks);
        if (viewer == Viewer.PUBLIC && mask.equals("full")) {
            // "a public caller sees a natural person's subject_name as person_name and subject_code as id_number"
            if (field.type().equals("id_number")) {
                mask = "id_number";
            } else if (subjectType == SubjectType.PERSON
                    && (field.name().equals("subject_name") || field.name().equals("legal_rep"))) {
                mask = "person_name";
            }
        }
        if (mask.equals("full")) {
            return Optional.of(sample);
        }
        String masked = MASKED_SAMPLES.get(mask + " " + sample);
        assertThat(masked).as("an expectation written for %s on %s", mask, sample).isNotNull();
        return Optional.of(masked);
    }

    private static String single(Set<String> masks) {
        assertThat(masks).as("documented masks of one field for one viewer").hasSize(1);
        return masks.iterator().next();
    }

    /** A recognisable value of the field's documented type. */
    static Object sample(DocumentedField field, SubjectType subjectType) {
        String type = field.type();
        if (type.equals("id_number")) {
            return ID_NUMBER;
        }
        if (type.equals("credit_code")) {
            return CREDIT_CODE;
        }
        if (type.equals("date")) {
            return DATE;
        }
        if (type.equals("decimal")) {
            return DECIMAL;
        }
        if (type.startsWith("enum(")) {
            return type.substring("enum(".length(), type.length() - 1).split("\\|")[0];
        }
        return switch (field.name()) {
            case "subject_name" -> subjectType == SubjectType.PERSON ? PERSON_NAME : ORG_NAME;
            case "legal_rep" -> PERSON_NAME;
            case "contact_phone" -> PHONE;
            default -> "〈" + field.name() + "〉";
        };
    }

    /** The stored record: every documented field of the category with its sample, and keys the catalog lacks. */
    static StoredRecord storedRecord(String categoryId, SubjectType subjectType) {
        Map<String, Object> data = new LinkedHashMap<>(UNKNOWN_KEYS);
        for (DocumentedField field : fieldsOf(categoryId)) {
            data.put(field.name(), sample(field, subjectType));
        }
        return StoredRecords.of(categoryId, subjectType).data(data).build();
    }

    static Optional<Map<String, Object>> expectedData(String categoryId, SubjectType subjectType, Viewer viewer,
                                                      boolean authorized) {
        Map<String, Object> expected = new LinkedHashMap<>();
        for (DocumentedField field : fieldsOf(categoryId)) {
            expectedValue(field, subjectType, viewer, authorized).ifPresent(v -> expected.put(field.name(), v));
        }
        return expected.isEmpty() ? Optional.empty() : Optional.of(expected);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the tests

    @TestFactory
    @DisplayName("each viewer sees exactly the documented fields, masked as documented, in catalog order")
    Stream<DynamicNode> matrix() {
        return Stream.of(Viewer.values()).map(viewer -> dynamicContainer(viewer.name(),
                categoryIds().stream().map(categoryId -> dynamicContainer(categoryId,
                        cases(categoryId).stream().map(c -> dynamicTest(c.describe(), () -> {
                            Category category = ShippedCatalog.category(categoryId);
                            StoredRecord record = storedRecord(categoryId, c.subjectType());

                            Optional<Map<String, Object>> shown =
                                    Projection.project(category, record, viewer, c.authorized());

                            Optional<Map<String, Object>> expected =
                                    expectedData(categoryId, c.subjectType(), viewer, c.authorized());
                            if (expected.isEmpty()) {
                                assertThat(shown).as("a record with no visible field is left out").isEmpty();
                            } else {
                                assertThat(shown).isPresent();
                                assertThat(shown.get()).containsExactlyEntriesOf(expected.get());
                            }
                        }))))));
    }

    @TestFactory
    @DisplayName("the public never sees a full ID number, a phone number, nor a natural person's name")
    Stream<DynamicNode> publicLeaks() {
        return categoryIds().stream().flatMap(categoryId -> cases(categoryId).stream().map(c ->
                dynamicTest(categoryId + ", " + c.describe(), () -> {
                    StoredRecord record = storedRecord(categoryId, c.subjectType());
                    List<String> shown = new ArrayList<>();
                    Projection.project(ShippedCatalog.category(categoryId), record, Viewer.PUBLIC, c.authorized())
                            .ifPresent(data -> data.values().forEach(v -> shown.add(String.valueOf(v))));
                    shown.add(Projection.subjectCodeFor(Viewer.PUBLIC, record.subjectType(), record.subjectCode()));

                    assertThat(shown).noneMatch(v -> v.contains(ID_NUMBER)).noneMatch(v -> v.contains(PHONE));
                    if (c.subjectType() == SubjectType.PERSON) {
                        assertThat(shown).noneMatch(v -> v.contains(PERSON_NAME));
                    }
                })));
    }

    @TestFactory
    @DisplayName("a stored key that is not a catalog field is shown to no viewer")
    Stream<DynamicNode> unknownKeys() {
        return Stream.of(Viewer.values()).flatMap(viewer -> categoryIds().stream().flatMap(categoryId ->
                cases(categoryId).stream().map(c -> dynamicTest(viewer + ", " + categoryId + ", " + c.describe(), () -> {
                    Optional<Map<String, Object>> shown = Projection.project(ShippedCatalog.category(categoryId),
                            storedRecord(categoryId, c.subjectType()), viewer, c.authorized());

                    shown.ifPresent(data -> assertThat(data).doesNotContainKeys(
                            UNKNOWN_KEYS.keySet().toArray(String[]::new)));
                }))));
    }

    @Test
    @DisplayName("the shipped catalog is the one the documents describe, so the matrix covers all of it")
    void catalogMatchesTheDocuments() {
        for (String categoryId : categoryIds()) {
            Category category = ShippedCatalog.category(categoryId);
            assertThat(category.subjectTypes()).as(categoryId).isEqualTo(SUBJECT_TYPES.get(categoryId));
            assertThat(category.fields()).extracting(f -> f.name())
                    .containsExactlyElementsOf(fieldsOf(categoryId).stream().map(DocumentedField::name).toList());
        }
        assertThat(ShippedCatalog.CATALOG.categories()).extracting(Category::id)
                .containsExactlyInAnyOrderElementsOf(SUBJECT_TYPES.keySet());
    }

    @Test
    @DisplayName("the shown subject code of a natural person is desensitised for the public only")
    void subjectCode() {
        assertThat(Projection.subjectCodeFor(Viewer.PUBLIC, SubjectType.PERSON, ID_NUMBER))
                .isEqualTo("110105********002X");
        assertThat(Projection.subjectCodeFor(Viewer.PUBLIC, SubjectType.ORG, "914403001922038216"))
                .isEqualTo("914403001922038216");
        for (Viewer viewer : List.of(Viewer.GOVERNMENT, Viewer.AGENCY, Viewer.JUDICIAL, Viewer.PORTAL)) {
            assertThat(Projection.subjectCodeFor(viewer, SubjectType.PERSON, ID_NUMBER)).as("%s", viewer)
                    .isEqualTo(ID_NUMBER);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the matrix's axes

    record Case(SubjectType subjectType, boolean authorized) {
        String describe() {
            return subjectType.wireName() + (authorized ? ", authorized" : ", not authorized");
        }
    }

    static List<Case> cases(String categoryId) {
        List<Case> cases = new ArrayList<>();
        for (SubjectType subjectType : SubjectType.values()) {
            if (SUBJECT_TYPES.get(categoryId).contains(subjectType)) {
                cases.add(new Case(subjectType, false));
                cases.add(new Case(subjectType, true));
            }
        }
        return cases;
    }

    static List<String> categoryIds() {
        return FIELDS.stream().map(DocumentedField::category).distinct().toList();
    }

    static List<DocumentedField> fieldsOf(String categoryId) {
        return FIELDS.stream().filter(f -> f.category().equals(categoryId)).toList();
    }

    private static List<DocumentedField> readDocumentedFields() {
        try (InputStream in = ProjectionMatrixTest.class.getResourceAsStream("/catalog/shipped-fields.csv")) {
            assertThat(in).as("catalog/shipped-fields.csv").isNotNull();
            List<DocumentedField> fields = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                // category,field,label,type,required,disclosure
                String[] columns = line.split(",", -1);
                fields.add(new DocumentedField(columns[0], columns[1], columns[3], columns[5]));
            }
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
