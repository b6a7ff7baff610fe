package org.creditgate.catalog;

import java.util.Optional;

/** The kind of credit subject a record is about: an organisation (GB 32100 code) or a natural person (GB 11643 ID number). */
public enum SubjectType {
    ORG("org"),
    PERSON("person");

    private final String wireName;

    SubjectType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the API and the catalog files. */
    public String wireName() {
        return wireName;
    }

    public static Optional<SubjectType> fromWire(String value) {
        for (SubjectType type : values()) {
            if (type.wireName.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
