package org.creditgate.collect;

/** Character rules for submitted text, checked in one pass without regular expressions. */
final class TextRules {

    static final int MAX_RECORD_ID_LENGTH = 128;
    static final int MAX_REPORTED_KEY_LENGTH = 128;

    private TextRules() {
    }

    /**
     * The number of code points in {@code text}, or -1 when it holds a character no stored text should: a C0 or
     * C1 control character or DEL (tab, line feed and carriage return are allowed when {@code allowLineBreaks}:
     * facts and decisions are multi-line prose), or half of a surrogate pair (JSON's {@code \ud800} escape can
     * produce one; it is not a character and PostgreSQL refuses it).
     */
    static int printableLength(String text, boolean allowLineBreaks) {
        int count = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (!allowLineBreaks || c != '\t' && c != '\n' && c != '\r') {
                    return -1;
                }
            } else if (c >= 0x7F && c <= 0x9F) {
                return -1;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return -1;
                }
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            }
            count++;
        }
        return count;
    }

    /** A record_id: 1 to 128 characters, not blank, none of them a control character. */
    static boolean isAcceptableRecordId(String recordId) {
        if (recordId == null || recordId.isBlank()) {
            return false;
        }
        int length = printableLength(recordId, false);
        return length >= 1 && length <= MAX_RECORD_ID_LENGTH;
    }

    /** The key itself when it is fit to be repeated in an error report, else null. */
    static String reportableKey(String key) {
        if (key == null) {
            return null;
        }
        int length = printableLength(key, false);
        return length >= 1 && length <= MAX_REPORTED_KEY_LENGTH ? key : null;
    }
}
