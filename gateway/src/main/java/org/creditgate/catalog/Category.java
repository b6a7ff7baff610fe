package org.creditgate.catalog;

import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A category of credit records (行政处罚, 行政许可, ...) as the catalog publishes it.
 *
 * @param disclosurePeriod       how long a record is disclosed, counted from {@code periodStartsFrom}; empty: no expiry
 * @param personDisclosurePeriod a different period for natural persons, when the rules set one
 * @param periodStartsFrom       the date field the period counts from (may be empty when there is no expiry)
 * @param periodEndsAt           a date field that, when present in a record, ends disclosure itself
 *                               (admin_license: {@code valid_to}); the period applies when it is absent
 * @param subjectMayDelete       the subject may have its records deleted (honours, volunteering, donations)
 */
public record Category(String id, String name, Set<SubjectType> subjectTypes, Disclosure disclosure,
                       Optional<Period> disclosurePeriod, Optional<Period> personDisclosurePeriod,
                       Optional<String> periodStartsFrom, Optional<String> periodEndsAt,
                       boolean subjectMayDelete, List<Field> fields) {

    public Category {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        subjectTypes = Set.copyOf(subjectTypes);
        Objects.requireNonNull(disclosure, "disclosure");
        Objects.requireNonNull(disclosurePeriod, "disclosurePeriod");
        Objects.requireNonNull(personDisclosurePeriod, "personDisclosurePeriod");
        Objects.requireNonNull(periodStartsFrom, "periodStartsFrom");
        Objects.requireNonNull(periodEndsAt, "periodEndsAt");
        fields = List.copyOf(fields);
    }

    public boolean allows(SubjectType subjectType) {
        return subjectTypes.contains(subjectType);
    }

    public Optional<Field> field(String fieldName) {
        for (Field field : fields) {
            if (field.name().equals(fieldName)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** The disclosure period that applies to a subject of this type; empty: no expiry. */
    public Optional<Period> periodFor(SubjectType subjectType) {
        if (subjectType == SubjectType.PERSON && personDisclosurePeriod.isPresent()) {
            return personDisclosurePeriod;
        }
        return disclosurePeriod;
    }

    /** Fields by name, in catalog order. */
    public Map<String, Field> fieldsByName() {
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Field field : fields) {
            byName.put(field.name(), field);
        }
        return byName;
    }
}
