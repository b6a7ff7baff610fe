package org.creditgate.catalog;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parsing of the catalog files' enumerated words, and the "expected one of ..." lists their messages show. */
final class WireNames {

    static final String KINDS = list(FieldType.Kind.values(), FieldType.Kind::wireName);
    static final String DISCLOSURES = list(Disclosure.values(), Disclosure::wireName);
    static final String MASKS = list(Mask.values(), Mask::wireName);
    static final String SUBJECT_TYPES = list(SubjectType.values(), SubjectType::wireName);

    private WireNames() {
    }

    static Optional<FieldType.Kind> kind(String value) {
        return Arrays.stream(FieldType.Kind.values()).filter(k -> k.wireName().equals(value)).findFirst();
    }

    /** Parses a disclosure class, reporting an unknown one under {@code what} ("disclosure", "masks: audience"). */
    static Optional<Disclosure> disclosure(String value, String what, Problems problems) {
        Optional<Disclosure> disclosure = Disclosure.fromWire(value);
        if (disclosure.isEmpty()) {
            problems.add("unknown " + what + " '" + value + "' (expected one of " + DISCLOSURES + ")");
        }
        return disclosure;
    }

    private static <T> String list(T[] values, Function<T, String> name) {
        return Arrays.stream(values).map(name).collect(Collectors.joining(", "));
    }
}
