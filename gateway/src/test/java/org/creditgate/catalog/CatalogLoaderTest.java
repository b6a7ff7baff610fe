package org.creditgate.catalog;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CatalogLoaderTest {

    static final Path SHIPPED = Path.of(System.getProperty("creditgate.root", "."), "config", "catalog");

    static Catalog shipped() {
        return CatalogLoader.load(SHIPPED);
    }

    @Nested
    @DisplayName("the shipped catalog (config/catalog)")
    class Shipped {

        @Test
        @DisplayName("holds the seven categories of CATALOG.md, in id order")
        void sevenCategories() {
            assertThat(shipped().categories()).extracting(Category::id).containsExactly(
                    "admin_license", "admin_penalty", "court_defaulter", "honor", "person_basic", "tax_arrears",
                    "utility_arrears");
        }

        @Test
        @DisplayName("matches CATALOG.md field by field: names, order, labels, types, enum values, requirement, disclosure")
        void fieldsAsCatalogMdListsThem() throws IOException {
            Catalog catalog = shipped();
            List<String> expected = readResource("/catalog/shipped-fields.csv");
            List<String> actual = new ArrayList<>();
            for (String category : expected.stream().map(row -> row.split(",")[0]).distinct().toList()) {
                for (Field field : catalog.category(category).orElseThrow().fields()) {
                    actual.add(String.join(",", category, field.name(), field.label(), type(field),
                            requirement(field), field.disclosure().wireName()));
                }
            }
            assertThat(actual).containsExactlyElementsOf(expected);
        }

        @Test
        @DisplayName("admin_penalty: public, orgs and persons, 3 years from decision_date, 5 for persons")
        void adminPenalty() {
            Category penalty = shipped().category("admin_penalty").orElseThrow();
            assertThat(penalty.name()).isEqualTo("行政处罚");
            assertThat(penalty.subjectTypes()).containsExactlyInAnyOrder(SubjectType.ORG, SubjectType.PERSON);
            assertThat(penalty.disclosure()).isEqualTo(Disclosure.PUBLIC);
            assertThat(penalty.periodFor(SubjectType.ORG)).contains(Period.ofYears(3));
            assertThat(penalty.periodFor(SubjectType.PERSON)).contains(Period.ofYears(5));
            assertThat(penalty.periodStartsFrom()).contains("decision_date");
            assertThat(penalty.periodEndsAt()).isEmpty();
            assertThat(penalty.subjectMayDelete()).isFalse();
            Field legalRep = penalty.field("legal_rep").orElseThrow();
            assertThat(legalRep.requirement().requiredFor(SubjectType.ORG)).isTrue();
            assertThat(legalRep.requirement().requiredFor(SubjectType.PERSON)).isFalse();
            assertThat(penalty.field("facts").orElseThrow().maxLength()).isEqualTo(4000);
            assertThat(penalty.field("fine_amount").orElseThrow().maxLength()).isZero();
        }

        @Test
        @DisplayName("admin_license: disclosed until valid_to, or 3 years from decision_date without one")
        void adminLicense() {
            Category license = shipped().category("admin_license").orElseThrow();
            assertThat(license.periodEndsAt()).contains("valid_to");
            assertThat(license.disclosurePeriod()).contains(Period.ofYears(3));
            assertThat(license.personDisclosurePeriod()).isEmpty();
            assertThat(license.periodStartsFrom()).contains("decision_date");
        }

        @Test
        @DisplayName("court_defaulter: 5 years from publish_date")
        void courtDefaulter() {
            Category defaulter = shipped().category("court_defaulter").orElseThrow();
            assertThat(defaulter.disclosurePeriod()).contains(Period.ofYears(5));
            assertThat(defaulter.periodStartsFrom()).contains("publish_date");
        }

        @Test
        @DisplayName("tax_arrears: organisations only; the public sees the legal representative's ID number masked")
        void taxArrears() {
            Category tax = shipped().category("tax_arrears").orElseThrow();
            assertThat(tax.subjectTypes()).containsExactly(SubjectType.ORG);
            assertThat(tax.periodFor(SubjectType.ORG)).contains(Period.ofYears(3));
            assertThat(tax.periodStartsFrom()).contains("announce_date");
            Field legalRepId = tax.field("legal_rep_id").orElseThrow();
            assertThat(legalRepId.type()).isEqualTo(FieldType.of(FieldType.Kind.ID_NUMBER));
            assertThat(legalRepId.disclosure()).isEqualTo(Disclosure.SHARED);
            assertThat(legalRepId.masks()).isEqualTo(Map.of(Disclosure.PUBLIC, Mask.ID_NUMBER));
            assertThat(legalRepId.maskFor(Disclosure.PUBLIC)).contains(Mask.ID_NUMBER);
            assertThat(legalRepId.maskFor(Disclosure.SHARED)).contains(Mask.FULL);
            assertThat(legalRepId.maskFor(Disclosure.AUTHORIZED)).isEmpty();
        }

        @Test
        @DisplayName("utility_arrears: authorized, 5 years from since; even authorized agencies see the phone masked")
        void utilityArrears() {
            Category utility = shipped().category("utility_arrears").orElseThrow();
            assertThat(utility.disclosure()).isEqualTo(Disclosure.AUTHORIZED);
            assertThat(utility.disclosurePeriod()).contains(Period.ofYears(5));
            assertThat(utility.periodStartsFrom()).contains("since");
            Field phone = utility.field("contact_phone").orElseThrow();
            assertThat(phone.masks()).isEqualTo(Map.of(Disclosure.AUTHORIZED, Mask.PHONE));
            assertThat(phone.maskFor(Disclosure.AUTHORIZED)).contains(Mask.PHONE);
        }

        @Test
        @DisplayName("honor: no expiry, and the subject may have it deleted")
        void honor() {
            Category honor = shipped().category("honor").orElseThrow();
            assertThat(honor.disclosurePeriod()).isEmpty();
            assertThat(honor.periodFor(SubjectType.PERSON)).isEmpty();
            assertThat(honor.periodStartsFrom()).isEmpty();
            assertThat(honor.subjectMayDelete()).isTrue();
        }

        @Test
        @DisplayName("person_basic: persons only, shared, no expiry; authorized agencies see the birth year only")
        void personBasic() {
            Category person = shipped().category("person_basic").orElseThrow();
            assertThat(person.subjectTypes()).containsExactly(SubjectType.PERSON);
            assertThat(person.disclosure()).isEqualTo(Disclosure.SHARED);
            assertThat(person.disclosurePeriod()).isEmpty();
            Field birthDate = person.field("birth_date").orElseThrow();
            assertThat(birthDate.maskFor(Disclosure.SHARED)).contains(Mask.FULL);
            assertThat(birthDate.maskFor(Disclosure.AUTHORIZED)).contains(Mask.YEAR_ONLY);
            assertThat(birthDate.maskFor(Disclosure.PUBLIC)).isEmpty();
        }

        private static String type(Field field) {
            FieldType type = field.type();
            return type.kind() == FieldType.Kind.ENUM
                    ? "enum(" + String.join("|", type.enumValues()) + ")"
                    : type.kind().wireName();
        }

        private static String requirement(Field field) {
            return switch (field.requirement()) {
                case REQUIRED -> "true";
                case OPTIONAL -> "false";
                case REQUIRED_FOR_ORG -> "org";
                case REQUIRED_FOR_PERSON -> "person";
            };
        }

        private static List<String> readResource(String name) throws IOException {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    CatalogLoaderTest.class.getResourceAsStream(name), StandardCharsets.UTF_8))) {
                return reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            }
        }
    }

    @TempDir
    Path dir;

    @Nested
    @DisplayName("reading a catalog directory")
    class Reading {

        @Test
        @DisplayName("a minimal category loads, with an omitted required meaning optional and strings capped at 1000")
        void minimal() throws IOException {
            write("sample.yaml", VALID.replace("    required: true\n    disclosure: public\n  - name: decision_date",
                    "    disclosure: public\n  - name: decision_date"));
            Category sample = CatalogLoader.load(dir).category("sample").orElseThrow();
            Field subjectName = sample.field("subject_name").orElseThrow();
            assertThat(subjectName.requirement()).isEqualTo(Requirement.OPTIONAL);
            assertThat(subjectName.maxLength()).isEqualTo(1000);
            assertThat(sample.subjectMayDelete()).isFalse();
        }

        @Test
        @DisplayName("other files, hidden files and sub-directories are ignored; .yml files are read")
        void onlyYamlFiles() throws IOException {
            write("README.md", "# notes");
            write(".sample.yaml", "not: a category");
            Files.createDirectory(dir.resolve("old.yaml"));
            write("sample.yml", VALID);
            assertThat(CatalogLoader.load(dir).categories()).extracting(Category::id).containsExactly("sample");
        }

        @Test
        @DisplayName("every problem of every file is reported at once, one per line, in file name order")
        void allProblemsTogether() throws IOException {
            write("b_sample.yaml", VALID.replace("id: sample", "id: b_sample").replace("type: date", "type: datum"));
            write("a_sample.yaml", VALID.replace("id: sample", "id: a_sample").replace("    label: 名称\n", "")
                    .replace("disclosure_period: P3Y", "disclosure_period: 3y"));
            CatalogException e = failure();
            assertThat(e.problems()).containsExactly(
                    file("a_sample.yaml") + ": disclosure_period '3y' is not an ISO-8601 period of years, months or days"
                            + " such as P3Y, P18M or P90D",
                    file("a_sample.yaml") + ": field 'subject_name': missing 'label'",
                    file("b_sample.yaml") + ": field 'decision_date': unknown type 'datum' "
                            + "(expected one of string, date, decimal, credit_code, id_number, enum)");
            assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
        }
    }

    @Nested
    @DisplayName("refuses, naming the file and field")
    class Refuses {

        @Test
        @DisplayName("a directory that does not exist")
        void noDirectory() {
            Path missing = dir.resolve("nowhere");
            CatalogException e = catchThrowableOfType(CatalogException.class, () -> CatalogLoader.load(missing));
            assertThat(e.problems()).containsExactly(missing + ": not a directory");
        }

        @Test
        @DisplayName("a directory without category files")
        void emptyDirectory() {
            assertThat(problems()).containsExactly(dir + ": no category files (*.yaml, *.yml)");
        }

        @Test
        @DisplayName("an empty file")
        void emptyFile() throws IOException {
            write("sample.yaml", "# nothing yet\n");
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": is empty (expected a category: id, name, subject_types, disclosure, fields)");
        }

        @Test
        @DisplayName("a file that is not UTF-8")
        void notUtf8() throws IOException {
            Files.write(dir.resolve("sample.yaml"), "name: 样例\n".getBytes(java.nio.charset.Charset.forName("GBK")));
            assertThat(problems()).containsExactly(file("sample.yaml") + ": is not UTF-8 text");
        }

        @Test
        @DisplayName("a file that is not YAML, with the line and column")
        void invalidYaml() throws IOException {
            write("sample.yaml", "id: sample\nname: a: b\n");
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": line 2, column 8: invalid YAML: mapping values are not allowed here");
        }

        @Test
        @DisplayName("a key written twice, which YAML would otherwise resolve silently to the last value")
        void duplicateKey() throws IOException {
            write("sample.yaml", VALID + "name: 另一个\n");
            assertThat(problems()).containsExactly(file("sample.yaml") + ": line 19: invalid YAML: duplicate key 'name'");
        }

        @Test
        @DisplayName("several YAML documents in one file")
        void severalDocuments() throws IOException {
            write("sample.yaml", VALID + "---\n" + VALID);
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": holds 2 YAML documents (put one category per file)");
        }

        @Test
        @DisplayName("a file that is a list instead of a mapping")
        void notAMapping() throws IOException {
            write("sample.yaml", "- id: sample\n");
            assertThat(problems()).containsExactly(file("sample.yaml") + ": expected a mapping of the category's keys "
                    + "(id, name, subject_types, disclosure, disclosure_period, person_disclosure_period, "
                    + "period_starts_from, period_ends_at, subject_may_delete, fields), found a list");
        }

        @Test
        @DisplayName("a misspelt key, suggesting the right one")
        void typo() throws IOException {
            write("sample.yaml", VALID.replace("    required: true\n    disclosure: public\n  - name: decision_date",
                    "    requird: true\n    disclosure: public\n  - name: decision_date"));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": field 'subject_name': unknown key 'requird' (did you mean 'required'?)");
        }

        @Test
        @DisplayName("an unknown key, listing the known ones")
        void unknownKey() throws IOException {
            write("sample.yaml", VALID + "owner: 市场监管局\n");
            assertThat(problems()).containsExactly(file("sample.yaml") + ": unknown key 'owner' (expected one of id, "
                    + "name, subject_types, disclosure, disclosure_period, person_disclosure_period, period_starts_from, "
                    + "period_ends_at, subject_may_delete, fields)");
        }

        @Test
        @DisplayName("a category without id, name and fields")
        void missingKeys() throws IOException {
            write("sample.yaml", "subject_types: [org]\ndisclosure: public\n");
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": missing 'id'",
                    file("sample.yaml") + ": missing 'name'",
                    file("sample.yaml") + ": missing 'fields'");
        }

        @Test
        @DisplayName("an id that is not snake_case")
        void badId() throws IOException {
            write("sample.yaml", VALID.replace("id: sample", "id: Sample-1"));
            assertThat(problems()).containsExactly(file("sample.yaml")
                    + ": id 'Sample-1' is not valid (expected a lower-case letter, then 1 to 63 of a-z, 0-9 and _)");
        }

        @Test
        @DisplayName("a file not named after its id")
        void fileNameNotId() throws IOException {
            write("penalties.yaml", VALID);
            assertThat(problems()).containsExactly(
                    file("penalties.yaml") + ": file name does not match id 'sample' (rename the file to sample.yaml)");
        }

        @Test
        @DisplayName("the same category id in two files")
        void duplicateId() throws IOException {
            write("sample.yaml", VALID);
            write("sample.yml", VALID);
            assertThat(problems()).containsExactly(file("sample.yml")
                    + ": duplicate category id 'sample' (already defined in " + file("sample.yaml") + ")");
        }

        @Test
        @DisplayName("missing, empty or unknown subject types")
        void subjectTypes() throws IOException {
            write("a_sample.yaml", VALID.replace("id: sample", "id: a_sample").replace("subject_types: [org, person]\n", ""));
            write("b_sample.yaml", VALID.replace("id: sample", "id: b_sample").replace("[org, person]", "[]"));
            write("c_sample.yaml", VALID.replace("id: sample", "id: c_sample").replace("[org, person]", "[org, company, org]"));
            assertThat(problems()).containsExactly(
                    file("a_sample.yaml") + ": missing 'subject_types'",
                    file("b_sample.yaml") + ": subject_types is empty (expected org, person or both)",
                    file("c_sample.yaml") + ": unknown subject type 'company' (expected one of org, person)",
                    file("c_sample.yaml") + ": subject type 'org' is listed twice");
        }

        @Test
        @DisplayName("an unknown disclosure class, of the category or of a field")
        void unknownDisclosure() throws IOException {
            write("sample.yaml", VALID.replace("disclosure: public\ndisclosure_period", "disclosure: open\ndisclosure_period")
                    .replace("    disclosure: public\n  - name: decision_date",
                            "    disclosure: secret\n  - name: decision_date"));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": unknown disclosure 'open' (expected one of public, shared, authorized)",
                    file("sample.yaml") + ": field 'subject_name': unknown disclosure 'secret' "
                            + "(expected one of public, shared, authorized)");
        }

        @Test
        @DisplayName("a period that is not ISO-8601, or not positive")
        void badPeriod() throws IOException {
            write("sample.yaml", VALID.replace("disclosure_period: P3Y",
                    "disclosure_period: P0D\nperson_disclosure_period: 5 years"));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": disclosure_period 'P0D' must be longer than zero",
                    file("sample.yaml") + ": person_disclosure_period '5 years' is not an ISO-8601 period"
                            + " of years, months or days such as P3Y, P18M or P90D");
        }

        @Test
        @DisplayName("a period without period_starts_from")
        void periodWithoutStart() throws IOException {
            write("sample.yaml", VALID.replace("period_starts_from: decision_date\n", ""));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": disclosure_period needs period_starts_from, the date field it counts from");
        }

        @Test
        @DisplayName("period_starts_from without a period")
        void startWithoutPeriod() throws IOException {
            write("sample.yaml", VALID.replace("disclosure_period: P3Y\n", ""));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": period_starts_from 'decision_date' is set but there is no disclosure_period");
        }

        @Test
        @DisplayName("period_starts_from naming no field, a field that is not a date, or an optional date")
        void badPeriodStart() throws IOException {
            write("a_sample.yaml", VALID.replace("id: sample", "id: a_sample")
                    .replace("period_starts_from: decision_date", "period_starts_from: decided_on"));
            write("b_sample.yaml", VALID.replace("id: sample", "id: b_sample")
                    .replace("period_starts_from: decision_date", "period_starts_from: subject_name"));
            write("c_sample.yaml", VALID.replace("id: sample", "id: c_sample")
                    .replace("    required: true\n    disclosure: public\n    # end",
                            "    required: false\n    disclosure: public\n    # end"));
            assertThat(problems()).containsExactly(
                    file("a_sample.yaml") + ": period_starts_from 'decided_on' is not a field of this category",
                    file("b_sample.yaml") + ": period_starts_from 'subject_name' must name a date field, not a string field",
                    file("c_sample.yaml") + ": period_starts_from 'decision_date' must name a field with required: true "
                            + "(every record needs the date its period counts from)");
        }

        @Test
        @DisplayName("period_ends_at naming no field or a field that is not a date")
        void badPeriodEnd() throws IOException {
            write("a_sample.yaml", VALID.replace("id: sample", "id: a_sample") + "period_ends_at: valid_to\n");
            write("b_sample.yaml", VALID.replace("id: sample", "id: b_sample") + "period_ends_at: subject_name\n");
            assertThat(problems()).containsExactly(
                    file("a_sample.yaml") + ": period_ends_at 'valid_to' is not a field of this category",
                    file("b_sample.yaml") + ": period_ends_at 'subject_name' must name a date field, not a string field");
        }

        @Test
        @DisplayName("a person period or a person-only requirement in a category without persons")
        void personRulesWithoutPersons() throws IOException {
            write("sample.yaml", VALID.replace("[org, person]", "[org]")
                    .replace("disclosure_period: P3Y", "disclosure_period: P3Y\nperson_disclosure_period: P5Y")
                    .replace("    required: true\n    disclosure: public\n  - name: decision_date",
                            "    required: person\n    disclosure: public\n  - name: decision_date"));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": person_disclosure_period is set but subject_types has no person",
                    file("sample.yaml") + ": field 'subject_name': required: person, but subject_types has no person");
        }

        @Test
        @DisplayName("subject_may_delete that is not a boolean")
        void subjectMayDelete() throws IOException {
            write("sample.yaml", VALID + "subject_may_delete: sometimes\n");
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": subject_may_delete must be true or false, not 'sometimes'");
        }

        @Test
        @DisplayName("fields that are empty or not a list")
        void fieldsShape() throws IOException {
            write("a_sample.yaml", "id: a_sample\nname: 样例\nsubject_types: [org]\ndisclosure: public\nfields: []\n");
            write("b_sample.yaml",
                    "id: b_sample\nname: 样例\nsubject_types: [org]\ndisclosure: public\nfields: subject_name\n");
            assertThat(problems()).containsExactly(
                    file("a_sample.yaml") + ": fields is empty (a category needs at least one field)",
                    file("b_sample.yaml") + ": fields must be a list, not 'subject_name'");
        }

        @Test
        @DisplayName("a field entry without a name, numbered from 1")
        void fieldWithoutName() throws IOException {
            write("sample.yaml", VALID + "  - label: 备注\n    type: string\n    disclosure: public\n");
            assertThat(problems()).containsExactly(file("sample.yaml") + ": field #3: missing 'name'");
        }

        @Test
        @DisplayName("a field name that is not snake_case")
        void badFieldName() throws IOException {
            write("sample.yaml", VALID.replace("name: subject_name", "name: Subject Name"));
            assertThat(problems()).containsExactly(file("sample.yaml") + ": field 'Subject Name': name 'Subject Name' "
                    + "is not valid (expected a lower-case letter, then 1 to 63 of a-z, 0-9 and _)");
        }

        @Test
        @DisplayName("a field named like a key of the record envelope")
        void reservedFieldName() throws IOException {
            write("sample.yaml", VALID.replace("name: subject_name", "name: subject_code"));
            assertThat(problems()).containsExactly(file("sample.yaml") + ": field 'subject_code': name 'subject_code' "
                    + "is reserved for the record envelope (record_id, subject_type, subject_code, action, data)");
        }

        @Test
        @DisplayName("a field declared twice")
        void duplicateField() throws IOException {
            write("sample.yaml", VALID + field("subject_name", "type: string"));
            assertThat(problems()).containsExactly(file("sample.yaml") + ": field 'subject_name': declared more than once");
        }

        @Test
        @DisplayName("an unknown type")
        void unknownType() throws IOException {
            write("sample.yaml", VALID + field("fine_amount", "type: money"));
            assertThat(problems()).containsExactly(file("sample.yaml") + ": field 'fine_amount': unknown type 'money' "
                    + "(expected one of string, date, decimal, credit_code, id_number, enum)");
        }

        @Test
        @DisplayName("an enum without values")
        void enumWithoutValues() throws IOException {
            write("sample.yaml", VALID + field("level", "type: enum"));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": field 'level': type enum needs values, a non-empty list such as [是, 否]");
        }

        @Test
        @DisplayName("an enum listing a value twice, or a value YAML reads as a boolean")
        void badEnumValues() throws IOException {
            write("sample.yaml", VALID + field("level", "type: enum\n    values: [省级, 市级, 省级, yes]"));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": field 'level': enum value '省级' is listed twice",
                    file("sample.yaml") + ": field 'level': enum value #4 must be text, found a boolean (true); quote it");
        }

        @Test
        @DisplayName("values on a field that is not an enum")
        void valuesOnNonEnum() throws IOException {
            write("sample.yaml", VALID + field("level", "type: string\n    values: [省级, 市级]"));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": field 'level': values is only for enum fields (this field is string)");
        }

        @Test
        @DisplayName("a required value other than true, false, org or person")
        void badRequired() throws IOException {
            write("sample.yaml", VALID + field("note", "type: string\n    required: always"));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": field 'note': required must be true, false, org or person, not 'always'");
        }

        @Test
        @DisplayName("an unknown mask, and masks keyed by an unknown audience")
        void badMasks() throws IOException {
            write("sample.yaml", VALID + field("legal_rep_id", "type: id_number\n    masks: {public: stars, agency: full}"));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": field 'legal_rep_id': masks: unknown mask 'stars' for audience 'public' "
                            + "(expected one of full, person_name, id_number, phone, year_only, hidden)",
                    file("sample.yaml") + ": field 'legal_rep_id': masks: unknown audience 'agency' "
                            + "(expected one of public, shared, authorized)");
        }

        @Test
        @DisplayName("a mask that cannot apply to the field's type")
        void maskForWrongType() throws IOException {
            write("sample.yaml", VALID + field("employer", "type: string\n    masks: {authorized: year_only}"));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": field 'employer': masks: mask 'year_only' needs a date field, not string");
        }

        @Test
        @DisplayName("a max_length of zero, or on a field that is not a string")
        void badMaxLength() throws IOException {
            write("sample.yaml", VALID + field("note", "type: string\n    max_length: 0")
                    + field("amount", "type: decimal\n    max_length: 20"));
            assertThat(problems()).containsExactly(
                    file("sample.yaml") + ": field 'note': max_length must be a whole number above 0, not a number (0)",
                    file("sample.yaml") + ": field 'amount': max_length is only for string fields (this field is decimal)");
        }

    }

    private List<String> problems() {
        return failure().problems();
    }

    private CatalogException failure() {
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> CatalogLoader.load(dir));
        assertThat(e).as("loading %s should fail", dir).isNotNull();
        return e;
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    /** A small valid category; tests break one thing at a time. Keys end with "fields" so entries can be appended. */
    static final String VALID = """
            id: sample
            name: 样例
            subject_types: [org, person]
            disclosure: public
            disclosure_period: P3Y
            period_starts_from: decision_date
            fields:
              - name: subject_name
                label: 名称
                type: string
                required: true
                disclosure: public
              - name: decision_date
                label: 决定日期
                type: date
                required: true
                disclosure: public
                # end
            """;

    /** A field entry to append to {@link #VALID}; {@code typeAndMore} are its remaining keys, indented. */
    static String field(String name, String typeAndMore) {
        return "  - name: " + name + "\n    label: 字段\n    " + typeAndMore + "\n    disclosure: public\n";
    }
}
