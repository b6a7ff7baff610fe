package org.creditgate.disclose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.Disclosure;
import org.creditgate.catalog.Field;
import org.creditgate.catalog.FieldType;
import org.creditgate.catalog.Mask;
import org.creditgate.catalog.SubjectType;
import org.creditgate.subject.Masking;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a viewer sees of a record it may see (API.md, "Roles" and "Lookups"; CATALOG.md, "Masking names").
 *
 * <p>The result is built from the catalog's fields, in catalog order, never by copying the stored data: a stored key
 * the catalog does not list (an old field, a prohibited one that slipped through) never leaves. A field is shown when
 * one of the viewer's audiences may see it ({@link Field#maskFor}), with the least masking any of them gets: the
 * {@code public} audience for everyone but judicial organs and the portal, {@code shared} for government users,
 * {@code authorized} for agencies the subject authorized for the category. Judicial organs and the subject's own
 * portal see every field in full.
 *
 * <p>The public is shown natural persons desensitised (必要脱敏处理, 003 art.19), whatever a catalog says: for a
 * person subject, the name fields of the 双公示 standard ({@code subject_name}, {@code legal_rep}) are at least
 * {@code person_name}-masked; for any subject, every {@code id_number} field is at least {@code id_number}-masked
 * (an organisation's legal representative is a natural person too). "At least": when the catalog already masks such a
 * field some other way, its mask is applied and the desensitisation on top, so the result never shows more than
 * either mask alone would. A field the catalog hides stays hidden.
 *
 * <p>Values are shown as their field's type says: strings (dates, codes, enum values included) as {@link String},
 * decimals as {@link BigDecimal}. A value of another shape, or a decimal under a mask (masks work on text), is left out:
 * what cannot be masked as the catalog says is not shown.
 */
public final class Projection {

    /** The fields that name the subject or its legal representative in the 双公示 standard. */
    static final Set<String> PERSON_NAME_FIELDS = Set.of("subject_name", "legal_rep");

    private static final JsonFactory JSON = new JsonFactory();

    private Projection() {
    }

    /**
     * The fields of {@code record} the viewer sees, masked, in catalog order; empty when it sees none of them (the
     * record is then left out of the answer). Whether the viewer sees the record at all is {@link Visibility}'s
     * decision, to be taken first.
     *
     * @param authorizedForCategory whether the subject authorized this agency for the record's category; only agencies
     *                              read it. For {@link Viewer#PORTAL} the caller has checked that the record is about
     *                              the subject the portal acts for.
     * @throws IllegalArgumentException when the record is not of {@code category}
     */
    public static Optional<Map<String, Object>> project(Category category, StoredRecord record, Viewer viewer,
                                                        boolean authorizedForCategory) {
        Objects.requireNonNull(record, "record");
        return project(plan(category, viewer, authorizedForCategory, record.subjectType()), record);
    }

    /**
     * As {@link #project(Category, StoredRecord, Viewer, boolean)}, with the fields' masks decided beforehand: they
     * depend on the category, the viewer, the authorization and the subject type, never on the record, so a lookup
     * decides them once for all the records that share these.
     *
     * @throws IllegalArgumentException when the record is not of the plan's category or subject type
     */
    public static Optional<Map<String, Object>> project(Plan plan, StoredRecord record) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(record, "record");
        if (!plan.category.id().equals(record.category())) {
            throw new IllegalArgumentException(
                    "record of category " + record.category() + " projected with category " + plan.category.id());
        }
        if (plan.subjectType != record.subjectType()) {
            throw new IllegalArgumentException("record of a " + record.subjectType() + " projected for a "
                    + plan.subjectType);
        }
        Object[] values = plan.read(record.data());
        // sized for every field the plan shows: no rehashing as the fields go in
        Map<String, Object> shown = new LinkedHashMap<>(plan.fields.length * 4 / 3 + 1);
        for (int i = 0; i < plan.fields.length; i++) {
            Field field = plan.fields[i];
            Object value = values[i];
            if (value == null) {
                continue;
            }
            Object masked = shownValue(field, value, plan.masks[i], plan.desensitisations[i]).orElse(null);
            if (masked != null) {
                shown.put(field.name(), masked);
            }
        }
        return shown.isEmpty() ? Optional.empty() : Optional.of(Collections.unmodifiableMap(shown));
    }

    /** The fields a viewer sees of a category's records about one type of subject, with their masks, in catalog order. */
    public static Plan plan(Category category, Viewer viewer, boolean authorizedForCategory, SubjectType subjectType) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(subjectType, "subjectType");
        List<Field> fields = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        List<Optional<Mask>> desensitisations = new ArrayList<>();
        for (Field field : category.fields()) {
            Optional<Mask> mask = catalogMask(field, viewer, authorizedForCategory);
            if (mask.isEmpty()) {
                continue;
            }
            fields.add(field);
            masks.add(mask.get());
            desensitisations.add(viewer == Viewer.PUBLIC ? publicDesensitisation(field, subjectType) : Optional.empty());
        }
        return new Plan(category, subjectType, fields.toArray(new Field[0]), masks.toArray(new Mask[0]),
                desensitisations.toArray(new Optional[0]));
    }

    /** The outcome of {@link #plan}: which fields are shown, each with its catalog mask and desensitisation. */
    public static final class Plan {
        private final Category category;
        private final SubjectType subjectType;
        private final Field[] fields;
        private final Mask[] masks;
        private final Optional<Mask>[] desensitisations;
        /** each shown field's position in {@link #fields}, by name */
        private final Map<String, Integer> positions = new HashMap<>();

        private Plan(Category category, SubjectType subjectType, Field[] fields, Mask[] masks,
                     Optional<Mask>[] desensitisations) {
            this.category = category;
            this.subjectType = subjectType;
            this.fields = fields;
            this.masks = masks;
            this.desensitisations = desensitisations;
            for (int i = 0; i < fields.length; i++) {
                positions.put(fields[i].name(), i);
            }
        }

        /**
         * The stored values of the shown fields, by position in {@link #fields}: strings (dates, codes, enum values
         * included) as {@link String}, numbers as {@link BigDecimal} (exact), anything else (null, true, false,
         * objects, arrays) as absent. Read with the streaming parser, straight from the stored bytes: members the
         * plan does not show are skipped without being decoded, and no map of the whole record is built.
         */
        private Object[] read(byte[] storedJson) {
            Object[] values = new Object[fields.length];
            try (JsonParser parser = JSON.createParser(storedJson)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalStateException("stored record data is not a JSON object");
                }
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    JsonToken token = parser.nextToken();
                    Integer position = positions.get(name);
                    if (position == null) {
                        parser.skipChildren();
                        continue;
                    }
                    values[position] = switch (token) {
                        case VALUE_STRING -> parser.getText();
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
                        default -> {
                            // null, true, false: not a shown value; an object or array is skipped whole
                            parser.skipChildren();
                            yield null;
                        }
                    };
                }
                return values;
            } catch (IOException e) {
                throw new IllegalStateException("stored record data is not JSON", e);
            }
        }
    }

    /** The subject code as the viewer is shown it: a natural person's ID number is desensitised for the public. */
    public static String subjectCodeFor(Viewer viewer, SubjectType subjectType, String code) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(subjectType, "subjectType");
        return viewer == Viewer.PUBLIC && subjectType == SubjectType.PERSON ? Masking.idNumber(code) : code;
    }

    /** The catalog's mask for the viewer; empty when none of its audiences sees the field. */
    static Optional<Mask> catalogMask(Field field, Viewer viewer, boolean authorizedForCategory) {
        if (viewer == Viewer.JUDICIAL || viewer == Viewer.PORTAL) {
            return Optional.of(Mask.FULL);
        }
        // A partial mask is taken from the most privileged audience that has one: when two audiences both mask a
        // field differently (no shipped field does), the entry written for the more privileged one speaks for it.
        Optional<Mask> partial = Optional.empty();
        for (Disclosure audience : audiences(viewer, authorizedForCategory)) {
            Optional<Mask> mask = field.maskFor(audience).filter(m -> m != Mask.HIDDEN);
            if (mask.isPresent() && mask.get() == Mask.FULL) {
                return mask;
            }
            if (partial.isEmpty()) {
                partial = mask;
            }
        }
        return partial;
    }

    /** The audiences a viewer belongs to, the most privileged first. */
    private static List<Disclosure> audiences(Viewer viewer, boolean authorizedForCategory) {
        return switch (viewer) {
            case PUBLIC -> List.of(Disclosure.PUBLIC);
            case GOVERNMENT -> List.of(Disclosure.SHARED, Disclosure.PUBLIC);
            case AGENCY -> authorizedForCategory
                    ? List.of(Disclosure.AUTHORIZED, Disclosure.PUBLIC)
                    : List.of(Disclosure.PUBLIC);
            // they see every field in full, masks included (catalogMask does not ask)
            case JUDICIAL, PORTAL -> List.of();
        };
    }

    /** The mask the public gets on top of the catalog's, whatever the catalog says. */
    static Optional<Mask> publicDesensitisation(Field field, SubjectType subjectType) {
        if (field.type().kind() == FieldType.Kind.ID_NUMBER) {
            return Optional.of(Mask.ID_NUMBER);
        }
        if (subjectType == SubjectType.PERSON && PERSON_NAME_FIELDS.contains(field.name())) {
            return Optional.of(Mask.PERSON_NAME);
        }
        return Optional.empty();
    }

    private static Optional<Object> shownValue(Field field, Object value, Mask mask, Optional<Mask> desensitisation) {
        if (field.type().kind() == FieldType.Kind.DECIMAL) {
            boolean unmasked = mask == Mask.FULL && desensitisation.isEmpty();
            return unmasked ? decimal(value).<Object>map(d -> d) : Optional.empty();
        }
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        String masked = Masking.apply(mask, text);
        if (masked != null && desensitisation.isPresent() && desensitisation.get() != mask) {
            masked = Masking.apply(desensitisation.get(), masked);
        }
        return Optional.ofNullable(masked);
    }

    /** A stored decimal as {@link BigDecimal}, whether it was stored as a number or as numeric text. */
    private static Optional<BigDecimal> decimal(Object value) {
        try {
            if (value instanceof BigDecimal d) {
                return Optional.of(d);
            }
            if (value instanceof String text) {
                return Optional.of(new BigDecimal(text));
            }
        } catch (NumberFormatException notANumber) {
            // NaN, infinities, text that is not a number: nothing that could be shown as a decimal
        }
        return Optional.empty();
    }
}
