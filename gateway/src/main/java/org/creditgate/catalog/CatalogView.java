package org.creditgate.catalog;

import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published catalog as {@code GET /v1/catalog} serves it: plain maps and lists, keys in a fixed order, ready for
 * any JSON encoder. Only the allow-listed keys below are rendered, so a model change cannot leak into the contract.
 */
public final class CatalogView {

    private CatalogView() {
    }

    /** {@code {"categories": [...]}}, categories in id order. */
    public static Map<String, Object> of(Catalog catalog) {
        List<Object> categories = new ArrayList<>();
        for (Category category : catalog.categories()) {
            categories.add(category(category));
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("categories", categories);
        return view;
    }

    public static Map<String, Object> category(Category category) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", category.id());
        view.put("name", category.name());
        view.put("subject_types", Arrays.stream(SubjectType.values())
                .filter(category::allows).map(SubjectType::wireName).toList());
        // null, not absent: "no expiry" is an answer clients should be able to read
        view.put("disclosure_period", period(category.disclosurePeriod()));
        view.put("period_starts_from", category.periodStartsFrom().orElse(null));
        category.personDisclosurePeriod().ifPresent(p -> view.put("person_disclosure_period", p.toString()));
        category.periodEndsAt().ifPresent(f -> view.put("period_ends_at", f));
        view.put("disclosure", category.disclosure().wireName());
        view.put("subject_may_delete", category.subjectMayDelete());
        List<Object> fields = new ArrayList<>();
        for (Field field : category.fields()) {
            fields.add(field(field));
        }
        view.put("fields", fields);
        return view;
    }

    static Map<String, Object> field(Field field) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", field.name());
        view.put("label", field.label());
        view.put("type", field.type().kind().wireName());
        if (field.type().kind() == FieldType.Kind.ENUM) {
            view.put("values", field.type().enumValues());
        }
        view.put("required", field.requirement() == Requirement.REQUIRED);
        switch (field.requirement()) {
            case REQUIRED_FOR_ORG -> view.put("required_for", List.of(SubjectType.ORG.wireName()));
            case REQUIRED_FOR_PERSON -> view.put("required_for", List.of(SubjectType.PERSON.wireName()));
            case REQUIRED, OPTIONAL -> { }
        }
        view.put("disclosure", field.disclosure().wireName());
        if (!field.masks().isEmpty()) {
            Map<String, Object> masks = new LinkedHashMap<>();
            for (Disclosure audience : Disclosure.values()) {
                Mask mask = field.masks().get(audience);
                if (mask != null) {
                    masks.put(audience.wireName(), mask.wireName());
                }
            }
            view.put("masks", masks);
        }
        if (field.type().kind() == FieldType.Kind.STRING) {
            view.put("max_length", field.maxLength());
        }
        return view;
    }

    private static String period(Optional<Period> period) {
        return period.map(Period::toString).orElse(null);
    }
}
