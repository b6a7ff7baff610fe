package org.creditgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads and checks one catalog file: a category, its fields, and how its disclosure period is counted. */
final class CategoryReader {

    private static final List<String> KEYS = List.of("id", "name", "subject_types", "disclosure",
            "disclosure_period", "person_disclosure_period", "period_starts_from", "period_ends_at",
            "subject_may_delete", "fields");

    private final YamlMapping mapping;
    private final Problems problems;
    private final String fileName;

    private CategoryReader(YamlMapping mapping, Problems problems, String fileName) {
        this.mapping = mapping;
        this.problems = problems;
        this.fileName = fileName;
    }

    /**
     * @param fileName     the file's own name ({@code admin_penalty.yaml}), which must be the id plus its extension
     * @param fileProblems where to report, already scoped to the file
     * @return the category, or empty when the file has problems (all of them reported)
     */
    static Optional<Category> read(JsonNode document, String fileName, Problems fileProblems) {
        if (!document.isObject()) {
            fileProblems.add("expected a mapping of the category's keys (" + String.join(", ", KEYS) + "), found "
                    + YamlMapping.describe(document));
            return Optional.empty();
        }
        int before = fileProblems.count();
        YamlMapping mapping = new YamlMapping(document, KEYS, fileProblems);
        Optional<Category> category = new CategoryReader(mapping, fileProblems, fileName).read();
        return fileProblems.count() == before ? category : Optional.empty();
    }

    private Optional<Category> read() {
        Optional<String> id = mapping.requiredText("id").filter(this::validId);
        Optional<String> name = mapping.requiredText("name");
        Optional<Set<SubjectType>> subjectTypes = subjectTypes();
        Optional<Disclosure> disclosure = mapping.requiredText("disclosure")
                .flatMap(d -> WireNames.disclosure(d, "disclosure", problems));
        Optional<Period> period = period("disclosure_period");
        Optional<Period> personPeriod = period("person_disclosure_period");
        boolean subjectMayDelete = mapping.bool("subject_may_delete").orElse(false);
        Fields fields = fields();

        Optional<String> startsFrom = periodStart(fields);
        Optional<String> endsAt = mapping.text("period_ends_at");
        endsAt.ifPresent(f -> fields.checkDate("period_ends_at", f));
        subjectTypes.ifPresent(types -> checkSubjectTypesAgreeWith(types, fields));

        if (id.isEmpty() || name.isEmpty() || subjectTypes.isEmpty() || disclosure.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Category(id.get(), name.get(), subjectTypes.get(), disclosure.get(), period,
                personPeriod, startsFrom, endsAt, subjectMayDelete, fields.valid));
    }

    private boolean validId(String id) {
        if (!FieldReader.NAME.matcher(id).matches()) {
            problems.add("id '" + id + "' is not valid (expected " + FieldReader.NAME_RULE + ")");
            return false;
        }
        String extension = fileName.substring(fileName.lastIndexOf('.'));
        if (!fileName.equals(id + extension)) {
            // operators find a category by its file; one name for both keeps that true
            problems.add("file name does not match id '" + id + "' (rename the file to " + id + extension + ")");
            return false;
        }
        return true;
    }

    private Optional<Set<SubjectType>> subjectTypes() {
        if (!mapping.has("subject_types")) {
            problems.add("missing 'subject_types'");
            return Optional.empty();
        }
        Optional<List<JsonNode>> items = mapping.list("subject_types");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        if (items.get().isEmpty()) {
            problems.add("subject_types is empty (expected org, person or both)");
            return Optional.empty();
        }
        Set<SubjectType> types = EnumSet.noneOf(SubjectType.class);
        boolean ok = true;
        for (JsonNode item : items.get()) {
            Optional<SubjectType> type = item.isTextual() ? SubjectType.fromWire(item.asText()) : Optional.empty();
            if (type.isEmpty()) {
                problems.add("unknown subject type " + YamlMapping.quote(item)
                        + " (expected one of " + WireNames.SUBJECT_TYPES + ")");
                ok = false;
            } else if (!types.add(type.get())) {
                problems.add("subject type '" + item.asText() + "' is listed twice");
                ok = false;
            }
        }
        return ok ? Optional.of(types) : Optional.empty();
    }

    private Optional<Period> period(String key) {
        return mapping.text(key).flatMap(text -> {
            try {
                Period period = Period.parse(text);
                if (period.isNegative() || period.isZero()) {
                    problems.add(key + " '" + text + "' must be longer than zero");
                    return Optional.empty();
                }
                return Optional.of(period);
            } catch (DateTimeParseException e) {
                problems.add(key + " '" + text
                        + "' is not an ISO-8601 period of years, months or days such as P3Y, P18M or P90D");
                return Optional.empty();
            }
        });
    }

    /** A period is counted from a date every record carries; without one no record could ever expire. */
    private Optional<String> periodStart(Fields fields) {
        Optional<String> startsFrom = mapping.text("period_starts_from");
        Optional<String> periodKey = Stream.of("disclosure_period", "person_disclosure_period")
                .filter(mapping::has).findFirst();
        if (periodKey.isPresent() && startsFrom.isEmpty()) {
            problems.add(periodKey.get() + " needs period_starts_from, the date field it counts from");
        }
        if (periodKey.isEmpty() && startsFrom.isPresent()) {
            problems.add("period_starts_from '" + startsFrom.get() + "' is set but there is no disclosure_period");
        }
        startsFrom.flatMap(f -> fields.checkDate("period_starts_from", f)).ifPresent(field -> {
            if (field.requirement() != Requirement.REQUIRED) {
                problems.add("period_starts_from '" + field.name() + "' must name a field with required: true"
                        + " (every record needs the date its period counts from)");
            }
        });
        return startsFrom;
    }

    private void checkSubjectTypesAgreeWith(Set<SubjectType> types, Fields fields) {
        if (mapping.has("person_disclosure_period") && !types.contains(SubjectType.PERSON)) {
            problems.add("person_disclosure_period is set but subject_types has no person");
        }
        for (Field field : fields.valid) {
            SubjectType only = switch (field.requirement()) {
                case REQUIRED_FOR_ORG -> SubjectType.ORG;
                case REQUIRED_FOR_PERSON -> SubjectType.PERSON;
                case REQUIRED, OPTIONAL -> null;
            };
            if (only != null && !types.contains(only)) {
                problems.in("field '" + field.name() + "'").add("required: " + only.wireName()
                        + ", but subject_types has no " + only.wireName());
            }
        }
    }

    private Fields fields() {
        Fields fields = new Fields();
        if (!mapping.has("fields")) {
            problems.add("missing 'fields'");
            return fields;
        }
        Optional<List<JsonNode>> entries = mapping.list("fields");
        if (entries.isEmpty()) {
            return fields;
        }
        if (entries.get().isEmpty()) {
            problems.add("fields is empty (a category needs at least one field)");
        }
        Set<String> reportedTwice = new HashSet<>();
        for (int i = 0; i < entries.get().size(); i++) {
            JsonNode entry = entries.get().get(i);
            Optional<String> declared = entry.isObject() ? FieldReader.declaredName(entry) : Optional.empty();
            if (declared.isPresent() && !fields.declared.add(declared.get()) && reportedTwice.add(declared.get())) {
                problems.in("field '" + declared.get() + "'").add("declared more than once");
            }
            FieldReader.read(entry, i + 1, problems).ifPresent(field -> fields.byName.putIfAbsent(field.name(), field));
        }
        fields.valid.addAll(fields.byName.values());
        return fields;
    }

    /** The fields read so far: every declared name, and the fields that passed their own checks. */
    private final class Fields {
        final Set<String> declared = new HashSet<>();
        final Map<String, Field> byName = new LinkedHashMap<>();
        final List<Field> valid = new ArrayList<>();

        /** Reports unless {@code fieldName} is a date field of this category; returns the field when it is. */
        Optional<Field> checkDate(String key, String fieldName) {
            if (!declared.contains(fieldName)) {
                problems.add(key + " '" + fieldName + "' is not a field of this category");
                return Optional.empty();
            }
            // a declared field that failed its own checks has already been reported
            Optional<Field> field = Optional.ofNullable(byName.get(fieldName));
            if (field.isPresent() && field.get().type().kind() != FieldType.Kind.DATE) {
                problems.add(key + " '" + fieldName + "' must name a date field, not a "
                        + field.get().type().kind().wireName() + " field");
                return Optional.empty();
            }
            return field;
        }
    }
}
