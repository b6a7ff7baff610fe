package org.creditgate.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One data item of a category.
 *
 * @param disclosure the class whose audience sees the field in full
 * @param masks      further audiences that see the field, and how it is masked for them
 *                   (e.g. {@code legal_rep_id}: shared, and {@code public} sees it with the {@code id_number} mask);
 *                   an entry for the field's own class masks it for that class too (e.g. {@code contact_phone})
 * @param maxLength  longest accepted value in characters (strings), or 0 when the type fixes it
 */
public record Field(String name, String label, FieldType type, Requirement requirement,
                    Disclosure disclosure, Map<Disclosure, Mask> masks, int maxLength) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(disclosure, "disclosure");
        masks = Map.copyOf(masks);
    }

    /**
     * How an audience sees this field: empty when it does not see it at all, otherwise the mask to apply
     * ({@link Mask#FULL} for none).
     */
    public Optional<Mask> maskFor(Disclosure audience) {
        Mask mask = masks.get(audience);
        if (mask != null) {
            return mask == Mask.HIDDEN ? Optional.empty() : Optional.of(mask);
        }
        return audience == disclosure ? Optional.of(Mask.FULL) : Optional.empty();
    }
}
