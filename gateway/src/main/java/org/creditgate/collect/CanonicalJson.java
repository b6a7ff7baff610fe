package org.creditgate.collect;

/** Writes the canonical data text: compact JSON, strings escaped the one way JSON requires, nothing else. */
final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** Appends {@code text} as a JSON string literal; non-ASCII characters are written as themselves. */
    static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        int length = text.length();
        int start = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(text, start, length);
        out.append('"');
    }
}
