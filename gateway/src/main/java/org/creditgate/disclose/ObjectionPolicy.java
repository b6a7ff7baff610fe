package org.creditgate.disclose;

import java.util.Optional;

/**
 * What disclosure does with a record while an objection against it is open (config
 * {@code disclosure.objection_policy}): some cities mark it (000 art.39, 002 art.32), others withhold it
 * (001 Shenzhen art.33, 004 art.21).
 */
public enum ObjectionPolicy {
    /** Disclose it, carrying {@code "objection": true}. */
    FLAG("flag"),
    /** Withhold it from every viewer but the judicial organs and the subject itself (through the portal). */
    WITHHOLD("withhold");

    private final String wireName;

    ObjectionPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ObjectionPolicy> fromWire(String value) {
        for (ObjectionPolicy policy : values()) {
            if (policy.wireName.equals(value)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
