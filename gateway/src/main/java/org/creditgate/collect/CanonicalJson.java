package org.creditgate.collect;

/**
 * Writes the canonical data text, as UTF-8: compact JSON, strings escaped the one way JSON requires, nothing
 * else.
 */
final class CanonicalJson {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

    private CanonicalJson() {
    }

    /** Appends {@code text} as a JSON string literal; non-ASCII characters are written as themselves. */
    static void appendQuoted(ByteBuilder out, String text) {
        out.append((byte) '"');
        int length = text.length();
        int start = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.appendUtf8(text, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> out.append((byte) '\\').append((byte) '"');
                case '\\' -> out.append((byte) '\\').append((byte) '\\');
                case '\n' -> out.append((byte) '\\').append((byte) 'n');
                case '\r' -> out.append((byte) '\\').append((byte) 'r');
                case '\t' -> out.append((byte) '\\').append((byte) 't');
                default -> out.append((byte) '\\').append((byte) 'u').append((byte) '0').append((byte) '0')
                        .append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.appendUtf8(text, start, length);
        out.append((byte) '"');
    }

    /**
     * Appends a string value taken straight from a line: its bytes, well-formed UTF-8 holding no escape, no
     * quote and no control character (JSON allows none of them raw), are already their canonical form.
     */
    static void appendQuotedRaw(ByteBuilder out, byte[] buf, int from, int to) {
        out.ensure(to - from + 2);
        out.append((byte) '"').append(buf, from, to - from).append((byte) '"');
    }
}
