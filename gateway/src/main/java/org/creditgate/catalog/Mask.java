package org.creditgate.catalog;

import java.util.Optional;

/** What an audience sees of a field it may see (CATALOG.md, "Masking names"). */
public enum Mask {
    FULL("full"),
    /** 张三丰 → 张** */
    PERSON_NAME("person_name"),
    /** keep the first 6 and the last 4: 110105********002X */
    ID_NUMBER("id_number"),
    /** 138****1234 */
    PHONE("phone"),
    /** a date → its year */
    YEAR_ONLY("year_only"),
    /** the field is left out */
    HIDDEN("hidden");

    private final String wireName;

    Mask(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Mask> fromWire(String value) {
        for (Mask m : values()) {
            if (m.wireName.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
