package org.creditgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks one entry of a category's {@code fields} list. */
final class FieldReader {

    /** Category ids and field names: they appear in URLs, JSON keys and SQL, so keep them plain snake_case. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,63}");
    static final String NAME_RULE = "a lower-case letter, then 1 to 63 of a-z, 0-9 and _";

    /** Strings without a max_length still get one, so no provider can store a megabyte in a name. */
    static final int DEFAULT_STRING_MAX_LENGTH = 1000;

    /** The keys of a submitted record around {@code data}; a field so named would be ambiguous to providers. */
    static final List<String> ENVELOPE_KEYS = List.of("record_id", "subject_type", "subject_code", "action", "data");

    private static final List<String> KEYS =
            List.of("name", "label", "type", "values", "required", "disclosure", "masks", "max_length");

    private final YamlMapping mapping;
    private final Problems problems;

    private FieldReader(YamlMapping mapping, Problems problems) {
        this.mapping = mapping;
        this.problems = problems;
    }

    /** The name a field entry declares, valid or not, so the category can tell "no such field" from "bad field". */
    static Optional<String> declaredName(JsonNode entry) {
        JsonNode name = entry.get("name");
        if (name == null || !name.isValueNode() || name.isNull() || name.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(name.asText().strip());
    }

    /**
     * @param position the entry's place in the list, from 1, to name an entry that has no name
     * @return the field, or empty when it has problems (all of them reported)
     */
    static Optional<Field> read(JsonNode entry, int position, Problems categoryProblems) {
        String scope = declaredName(entry).map(n -> "field '" + n + "'").orElse("field #" + position);
        Problems problems = categoryProblems.in(scope);
        if (!entry.isObject()) {
            problems.add("expected a mapping (name, label, type, required, disclosure, ...), found "
                    + YamlMapping.describe(entry));
            return Optional.empty();
        }
        int before = problems.count();
        FieldReader reader = new FieldReader(new YamlMapping(entry, KEYS, problems), problems);
        Optional<Field> field = reader.read();
        return problems.count() == before ? field : Optional.empty();
    }

    private Optional<Field> read() {
        Optional<String> name = mapping.requiredText("name").filter(this::validName);
        Optional<String> label = mapping.requiredText("label");
        Optional<FieldType.Kind> kind = kind();
        Optional<FieldType> type = kind.flatMap(this::type);
        Optional<Requirement> requirement = requirement();
        Optional<Disclosure> disclosure = mapping.requiredText("disclosure")
                .flatMap(d -> WireNames.disclosure(d, "disclosure", problems));
        Map<Disclosure, Mask> masks = masks(kind);
        int maxLength = maxLength(kind);
        if (name.isEmpty() || label.isEmpty() || type.isEmpty() || requirement.isEmpty() || disclosure.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Field(name.get(), label.get(), type.get(), requirement.get(), disclosure.get(),
                masks, maxLength));
    }

    private boolean validName(String name) {
        if (!NAME.matcher(name).matches()) {
            problems.add("name '" + name + "' is not valid (expected " + NAME_RULE + ")");
            return false;
        }
        if (ENVELOPE_KEYS.contains(name)) {
            problems.add("name '" + name + "' is reserved for the record envelope ("
                    + String.join(", ", ENVELOPE_KEYS) + ")");
            return false;
        }
        return true;
    }

    private Optional<FieldType.Kind> kind() {
        return mapping.requiredText("type").flatMap(text -> {
            Optional<FieldType.Kind> kind = WireNames.kind(text);
            if (kind.isEmpty()) {
                problems.add("unknown type '" + text + "' (expected one of " + WireNames.KINDS + ")");
            }
            return kind;
        });
    }

    private Optional<FieldType> type(FieldType.Kind kind) {
        if (kind != FieldType.Kind.ENUM) {
            if (mapping.has("values")) {
                problems.add("values is only for enum fields (this field is " + kind.wireName() + ")");
            }
            return Optional.of(FieldType.of(kind));
        }
        Optional<List<JsonNode>> items = mapping.list("values");
        if ((items.isEmpty() && !mapping.has("values")) || (items.isPresent() && items.get().isEmpty())) {
            problems.add("type enum needs values, a non-empty list such as [是, 否]");
            return Optional.empty();
        }
        return items.flatMap(this::enumValues).map(FieldType::enumOf);
    }

    private Optional<List<String>> enumValues(List<JsonNode> items) {
        Set<String> values = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            // YAML reads yes/no/on/off as booleans and 010 as a number; a value must be written as the text it is
            if (!item.isTextual() || item.asText().isBlank()) {
                problems.add("enum value #" + (i + 1) + " must be text, found " + YamlMapping.describe(item)
                        + "; quote it");
                ok = false;
            } else if (!values.add(item.asText().strip())) {
                problems.add("enum value '" + item.asText().strip() + "' is listed twice");
                ok = false;
            }
        }
        return ok ? Optional.of(new ArrayList<>(values)) : Optional.empty();
    }

    private Optional<Requirement> requirement() {
        Optional<JsonNode> value = mapping.value("required");
        if (value.isEmpty()) {
            return Optional.of(Requirement.OPTIONAL);
        }
        String text = value.get().isValueNode() ? value.get().asText() : "";
        return switch (text) {
            case "true" -> Optional.of(Requirement.REQUIRED);
            case "false" -> Optional.of(Requirement.OPTIONAL);
            case "org" -> Optional.of(Requirement.REQUIRED_FOR_ORG);
            case "person" -> Optional.of(Requirement.REQUIRED_FOR_PERSON);
            default -> {
                problems.add("required must be true, false, org or person, not " + YamlMapping.describe(value.get()));
                yield Optional.empty();
            }
        };
    }

    private Map<Disclosure, Mask> masks(Optional<FieldType.Kind> kind) {
        Map<Disclosure, Mask> masks = new EnumMap<>(Disclosure.class);
        Optional<JsonNode> value = mapping.value("masks");
        if (value.isEmpty()) {
            return masks;
        }
        Problems inMasks = problems.in("masks");
        if (!value.get().isObject()) {
            inMasks.add("expected a mapping of audience to mask such as {public: id_number}, found "
                    + YamlMapping.describe(value.get()));
            return masks;
        }
        value.get().properties().forEach(entry -> {
            Optional<Disclosure> audience = WireNames.disclosure(entry.getKey(), "audience", inMasks);
            Optional<Mask> mask = mask(entry.getKey(), entry.getValue(), inMasks);
            if (audience.isPresent() && mask.isPresent() && kind.isPresent() && fits(mask.get(), kind.get(), inMasks)) {
                masks.put(audience.get(), mask.get());
            }
        });
        return masks;
    }

    private static Optional<Mask> mask(String audience, JsonNode value, Problems inMasks) {
        Optional<Mask> mask = value.isTextual() ? Mask.fromWire(value.asText()) : Optional.empty();
        if (mask.isEmpty()) {
            inMasks.add("unknown mask " + YamlMapping.quote(value) + " for audience '" + audience
                    + "' (expected one of " + WireNames.MASKS + ")");
        }
        return mask;
    }

    /** A mask that cannot apply to the field's values would fail on the first lookup instead of at start. */
    private static boolean fits(Mask mask, FieldType.Kind kind, Problems inMasks) {
        boolean textual = kind == FieldType.Kind.STRING || kind == FieldType.Kind.ID_NUMBER
                || kind == FieldType.Kind.CREDIT_CODE;
        String needs = switch (mask) {
            case YEAR_ONLY -> kind == FieldType.Kind.DATE ? null : "a date field";
            case PERSON_NAME, ID_NUMBER, PHONE -> textual ? null : "a string, id_number or credit_code field";
            case FULL, HIDDEN -> null;
        };
        if (needs != null) {
            inMasks.add("mask '" + mask.wireName() + "' needs " + needs + ", not " + kind.wireName());
            return false;
        }
        return true;
    }

    private int maxLength(Optional<FieldType.Kind> kind) {
        boolean string = kind.map(k -> k == FieldType.Kind.STRING).orElse(false);
        Optional<JsonNode> value = mapping.value("max_length");
        if (value.isEmpty()) {
            return string ? DEFAULT_STRING_MAX_LENGTH : 0;
        }
        if (kind.isPresent() && !string) {
            problems.add("max_length is only for string fields (this field is " + kind.get().wireName() + ")");
            return 0;
        }
        if (!value.get().canConvertToInt() || !value.get().isIntegralNumber() || value.get().intValue() <= 0) {
            problems.add("max_length must be a whole number above 0, not " + YamlMapping.describe(value.get()));
            return 0;
        }
        return value.get().intValue();
    }
}
