package org.creditgate.subject;

/** Shared wording for the per-record problems of {@link CreditCode} and {@link IdNumber}. */
final class Characters {

    private Characters() {
    }

    /**
     * A character as it may be shown in an error message: quoted when it is visible, as {@code U+XXXX} when it is a
     * control, format (bidi overrides), space, surrogate, private-use or unassigned character, so a message never
     * carries invisible or text-reordering characters and always says which character was meant.
     */
    static String describe(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> {
                return String.format("U+%04X", codePoint);
            }
            default -> {
                return "'" + new String(Character.toChars(codePoint)) + "'";
            }
        }
    }

    /** The length problem, counted in code points, which is what a person reading the message would count. */
    static String wrongLength(String value, int expected) {
        return "must be " + expected + " characters (got " + value.codePointCount(0, value.length()) + ")";
    }

    /**
     * Whether the string has {@code expected} code points. Callers then walk code points, so that a character outside
     * the BMP is reported as the one character it is; a string that passes their character checks (all of them BMP
     * characters) is then also {@code expected} chars long.
     */
    static boolean hasLength(String value, int expected) {
        return value.codePointCount(0, value.length()) == expected;
    }

    static String notAllowed(int codePoint, int position, String hint) {
        return "character " + describe(codePoint) + " at position " + position + " is not allowed" + hint;
    }

    static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
