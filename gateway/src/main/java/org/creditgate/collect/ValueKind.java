package org.creditgate.collect;

import com.fasterxml.jackson.core.JsonToken;

/** The JSON type of a value read from a record; a null kind (in {@link RawRecord}) means the key was absent. */
enum ValueKind {
    STRING, NUMBER, BOOLEAN, NULL, OBJECT, ARRAY;

    static ValueKind of(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> STRING;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NUMBER;
            case VALUE_TRUE, VALUE_FALSE -> BOOLEAN;
            case VALUE_NULL -> NULL;
            case START_OBJECT -> OBJECT;
            case START_ARRAY -> ARRAY;
            default -> throw new IllegalStateException("not a value token: " + token);
        };
    }

    /** A JSON wording for messages: "a number", "an object"... */
    String described() {
        return switch (this) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
        };
    }
}
