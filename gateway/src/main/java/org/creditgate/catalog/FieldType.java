package org.creditgate.catalog;

import java.util.List;
import java.util.Objects;

/**
 * The type of a catalog field. {@code enumValues} is non-empty exactly when {@code kind} is {@link Kind#ENUM}.
 */
public record FieldType(Kind kind, List<String> enumValues) {

    public enum Kind {
        STRING("string"),
        DATE("date"),
        DECIMAL("decimal"),
        /** GB 32100 unified social credit code, checksummed. */
        CREDIT_CODE("credit_code"),
        /** GB 11643 resident ID number, checksummed. */
        ID_NUMBER("id_number"),
        ENUM("enum");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public FieldType {
        Objects.requireNonNull(kind, "kind");
        enumValues = List.copyOf(enumValues);
        if ((kind == Kind.ENUM) == enumValues.isEmpty()) {
            throw new IllegalArgumentException("enum values are required for enum types and only for them");
        }
    }

    public static FieldType of(Kind kind) {
        return new FieldType(kind, List.of());
    }

    public static FieldType enumOf(List<String> values) {
        return new FieldType(Kind.ENUM, values);
    }
}
