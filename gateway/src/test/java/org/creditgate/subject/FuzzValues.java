package org.creditgate.subject;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/** Strings for the fuzz tests: arbitrary ones, and ones close enough to codes, phones and dates to reach every branch. */
final class FuzzValues {

    /** Digits, separators, stars, upper- and lower-case code letters, CJK, a supplementary character, a full-width one. */
    private static final int[] ALPHABET = "0123456789-+ *XYAIOxya张三·\uD840\uDC00１\t"
            .codePoints().toArray();
    private static final int MAX_LENGTH = 24;

    private FuzzValues() {
    }

    static String string(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return data.consumeString(MAX_LENGTH);
            case 1:
                return fromAlphabet(data, "0123456789".codePoints().toArray());
            case 2:
                return fromAlphabet(data, ALPHABET);
            default:
                // any code point, lone surrogates included
                int[] codePoints = new int[data.consumeInt(0, MAX_LENGTH)];
                for (int i = 0; i < codePoints.length; i++) {
                    codePoints[i] = data.consumeInt(0, Character.MAX_CODE_POINT);
                }
                return new String(codePoints, 0, codePoints.length);
        }
    }

    /** {@code YYYY-MM-DD} with numbers around the valid ranges, so both real and impossible dates come up. */
    static String dateLike(FuzzedDataProvider data) {
        return String.format("%04d-%02d-%02d",
                data.consumeInt(0, 9999), data.consumeInt(0, 13), data.consumeInt(0, 32));
    }

    /** {@code length} characters from {@code alphabet}, in the fuzzer's order. */
    static String fromAlphabet(FuzzedDataProvider data, int[] alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(alphabet[data.consumeInt(0, alphabet.length - 1)]);
        }
        return s.toString();
    }

    private static String fromAlphabet(FuzzedDataProvider data, int[] alphabet) {
        return fromAlphabet(data, alphabet, data.consumeInt(0, MAX_LENGTH));
    }

    /** Failure messages show every code point, so invisible and unpaired characters can be seen. */
    static String escaped(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> out.append(
                c >= 0x20 && c < 0x7F ? Character.toString(c) : String.format("\\u{%X}", c)));
        return out.append('"').toString();
    }
}
