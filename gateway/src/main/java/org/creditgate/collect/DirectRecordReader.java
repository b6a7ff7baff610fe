package org.creditgate.collect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the usual line, a flat record, in one pass over its bytes: the envelope's scalars and a data object of
 * scalars, with well-formed UTF-8 and no key twice. String values are not decoded but located, with what their
 * checks need to know (escapes, ASCII only, control characters, length in code points), so that most of them go
 * from the line to the canonical data as bytes.
 *
 * <p>Declines every other line ({@link #read} returns false) without judging it: nested values, escaped keys, a
 * byte order mark, anything malformed. {@link RecordReader} then reads it with Jackson, which makes every
 * judgement and writes every error message. So what this reader accepts must be exactly what Jackson accepts,
 * read the same way: it accepts strictly less (it never reads a value Jackson would refuse) and no line depends
 * on which of the two read it.
 *
 * <p>Keeps the state of one line: not thread-safe, one per thread.
 */
final class DirectRecordReader {

    /** Longer keys are never catalog fields: left to Jackson, whose limits they may reach. */
    private static final int MAX_KEY_BYTES = 256;
    /** Longer numbers are left to Jackson, whose limit is 1000 characters. */
    private static final int MAX_NUMBER_BYTES = 256;
    /** Longer lines are left to Jackson: its string length limit (20 million characters) is then out of reach. */
    private static final int MAX_LINE_BYTES = 16 << 20;
    /** Unknown keys of one object are compared pairwise: more of them are left to Jackson. */
    private static final int MAX_UNKNOWN_KEYS = 8;

    private static final int RECORD_ID = 0;
    private static final int SUBJECT_TYPE = 1;
    private static final int SUBJECT_CODE = 2;
    private static final int ACTION = 3;
    private static final int DATA = 4;
    private static final FieldNames ENVELOPE = new FieldNames(List.of(RecordReader.RECORD_ID,
            RecordReader.SUBJECT_TYPE, RecordReader.SUBJECT_CODE, RecordReader.ACTION, RecordReader.DATA));
    /** Envelope values compared as bytes, so that the usual ones cost no decoding. */
    private static final FieldNames WIRE_WORDS = new FieldNames(List.of("org", "person", "upsert", "revoke",
            "repair"));

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private static final int MALFORMED = -1;
    private static final int MORE = 0;
    private static final int CLOSED = 1;

    private byte[] buf;
    private int pos;
    private int end;
    /** Of the last string read: where its content starts and ends, its flags and its length in code points. */
    private int stringStart;
    private int stringEnd;
    private int stringFlags;
    private int stringCodePoints;
    /** Where the last number read starts. */
    private int numberStart;
    /** Catalog fields met in the data object, one bit each. */
    private long[] seenFields = new long[1];
    /** The unknown keys of the objects being read, as ranges of the line, to find one given twice. */
    private final int[] unknownStarts = new int[2 * MAX_UNKNOWN_KEYS];
    private final int[] unknownEnds = new int[2 * MAX_UNKNOWN_KEYS];
    private int unknownCount;

    /**
     * Reads {@code buf[off, off + len)} into the record (already reset for this line), or returns false, leaving
     * the record half-filled, when the line is not one this reader takes.
     */
    boolean read(byte[] buf, int off, int len, FieldNames fields, RawRecord record) {
        if (len > MAX_LINE_BYTES) {
            return false;
        }
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
        this.unknownCount = 0;
        try {
            return readRecord(fields, record) && atEnd();
        } finally {
            this.buf = null;
        }
    }

    private boolean readRecord(FieldNames fields, RawRecord record) {
        skipWhitespace();
        if (pos >= end || buf[pos] != '{') {
            return false;
        }
        pos++;
        skipWhitespace();
        if (pos < end && buf[pos] == '}') {
            pos++;
            return true;
        }
        int seen = 0;
        while (true) {
            int keyStart = pos + 1;
            if (!key()) {
                return false;
            }
            int keyEnd = stringEnd;
            int keyFlags = stringFlags;
            int key = ENVELOPE.indexOf(buf, keyStart, keyEnd);
            if (key >= 0) {
                if ((seen & 1 << key) != 0) {
                    return false;
                }
                seen |= 1 << key;
            } else if (!isFirstUnknown(0, keyStart, keyEnd)) {
                return false;
            }
            if (key == DATA && buf[pos] == '{') {
                record.dataKind = ValueKind.OBJECT;
                pos++;
                if (!readData(fields, record)) {
                    return false;
                }
            } else {
                ValueKind kind = scalar();
                if (kind == null) {
                    return false;
                }
                switch (key) {
                    case RECORD_ID -> {
                        record.recordIdKind = kind;
                        record.recordId = text(kind, null);
                    }
                    case SUBJECT_TYPE -> {
                        record.subjectTypeKind = kind;
                        record.subjectType = text(kind, WIRE_WORDS);
                    }
                    case SUBJECT_CODE -> {
                        record.subjectCodeKind = kind;
                        record.subjectCode = text(kind, null);
                    }
                    case ACTION -> {
                        record.actionKind = kind;
                        record.action = text(kind, WIRE_WORDS);
                    }
                    case DATA -> record.dataKind = kind;
                    default -> record.addUnknownKey(decodeString(buf, keyStart, keyEnd, keyFlags));
                }
            }
            int next = afterValue();
            if (next != MORE) {
                return next == CLOSED;
            }
        }
    }

    /** The entries of the data object, whose '{' has been read. */
    private boolean readData(FieldNames fields, RawRecord record) {
        int words = (fields.size() + 63) >>> 6;
        if (seenFields.length < words) {
            seenFields = new long[words];
        }
        Arrays.fill(seenFields, 0, words, 0L);
        int unknownBase = unknownCount;
        try {
            skipWhitespace();
            if (pos < end && buf[pos] == '}') {
                pos++;
                return true;
            }
            while (true) {
                int keyStart = pos + 1;
                if (!key()) {
                    return false;
                }
                int keyEnd = stringEnd;
                int keyFlags = stringFlags;
                int field = fields.indexOf(buf, keyStart, keyEnd);
                if (field >= 0) {
                    long bit = 1L << field;
                    if ((seenFields[field >>> 6] & bit) != 0) {
                        return false;
                    }
                    seenFields[field >>> 6] |= bit;
                } else if (!isFirstUnknown(unknownBase, keyStart, keyEnd)) {
                    return false;
                }
                int valueStart = pos;
                ValueKind kind = scalar();
                if (kind == null) {
                    return false;
                }
                String name = field >= 0 ? fields.name(field) : decodeString(buf, keyStart, keyEnd, keyFlags);
                if (kind == ValueKind.STRING) {
                    record.addData(name, field, kind, stringStart, stringEnd, stringFlags, stringCodePoints);
                } else if (kind == ValueKind.NUMBER) {
                    record.addData(name, field, kind, valueStart, pos, 0, 0);
                } else {
                    record.addData(name, field, kind, null);
                }
                int next = afterValue();
                if (next != MORE) {
                    return next == CLOSED;
                }
            }
        } finally {
            unknownCount = unknownBase;
        }
    }

    /**
     * A key, its colon and the white space around them, leaving the position on the value's first byte. Escaped
     * keys, and keys long enough to be limited, are left to Jackson.
     */
    private boolean key() {
        if (pos >= end || buf[pos] != '"') {
            return false;
        }
        pos++;
        int start = pos;
        if (!string() || (stringFlags & RawRecord.ESCAPED) != 0 || stringEnd - start > MAX_KEY_BYTES) {
            return false;
        }
        skipWhitespace();
        if (pos >= end || buf[pos] != ':') {
            return false;
        }
        pos++;
        skipWhitespace();
        return pos < end;
    }

    /** Whether an unknown key differs from those before it in its object (from {@code base}); records it. */
    private boolean isFirstUnknown(int base, int start, int end) {
        if (unknownCount - base == MAX_UNKNOWN_KEYS) {
            return false;
        }
        for (int i = base; i < unknownCount; i++) {
            if (Arrays.equals(buf, unknownStarts[i], unknownEnds[i], buf, start, end)) {
                return false;
            }
        }
        unknownStarts[unknownCount] = start;
        unknownEnds[unknownCount] = end;
        unknownCount++;
        return true;
    }

    /**
     * After a value: white space, then ',' and the next key's quote ({@link #MORE}, on the quote) or '}'
     * ({@link #CLOSED}, past it); {@link #MALFORMED} otherwise.
     */
    private int afterValue() {
        skipWhitespace();
        if (pos >= end) {
            return MALFORMED;
        }
        byte b = buf[pos++];
        if (b == '}') {
            return CLOSED;
        }
        if (b != ',') {
            return MALFORMED;
        }
        skipWhitespace();
        return pos < end && buf[pos] == '"' ? MORE : MALFORMED;
    }

    /**
     * A string, number, boolean or null at the position, read up to its end; null when it is none of them (an
     * object or array included), or malformed. What follows it is checked by whoever reads on.
     */
    private ValueKind scalar() {
        byte b = buf[pos];
        switch (b) {
            case '"' -> {
                pos++;
                return string() ? ValueKind.STRING : null;
            }
            case 't' -> {
                return literal("true") ? ValueKind.BOOLEAN : null;
            }
            case 'f' -> {
                return literal("false") ? ValueKind.BOOLEAN : null;
            }
            case 'n' -> {
                return literal("null") ? ValueKind.NULL : null;
            }
            default -> {
                return b == '-' || b >= '0' && b <= '9' ? number() : null;
            }
        }
    }

    private boolean literal(String word) {
        int n = word.length();
        if (pos + n > end) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (buf[pos + k] != word.charAt(k)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    /** A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private ValueKind number() {
        int start = pos;
        numberStart = start;
        if (buf[pos] == '-') {
            pos++;
        }
        if (pos >= end) {
            return null;
        }
        if (buf[pos] == '0') {
            pos++;
        } else if (!digits()) {
            return null;
        }
        if (pos < end && buf[pos] == '.') {
            pos++;
            if (!digits()) {
                return null;
            }
        }
        if (pos < end && (buf[pos] == 'e' || buf[pos] == 'E')) {
            pos++;
            if (pos < end && (buf[pos] == '+' || buf[pos] == '-')) {
                pos++;
            }
            if (!digits()) {
                return null;
            }
        }
        return pos - start <= MAX_NUMBER_BYTES ? ValueKind.NUMBER : null;
    }

    /** One digit or more. */
    private boolean digits() {
        int start = pos;
        while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    /**
     * The content of a string whose opening quote has been read, up to and past its closing quote: checks the
     * escapes and the UTF-8, notes {@link #stringEnd}, {@link #stringFlags} and {@link #stringCodePoints}
     * (exact only without escapes). False when malformed, or cut by the end of the line.
     */
    private boolean string() {
        stringStart = pos;
        byte[] b = buf;
        int i = pos;
        int limit = end;
        int flags = RawRecord.ASCII;
        int codePoints = 0;
        while (true) {
            // printable ASCII (keys, codes, dates, digits) eight bytes at a time, up to the first other byte
            if (i + Long.BYTES <= limit) {
                long notPlain = notPlainAscii((long) LONGS.get(b, i));
                if (notPlain == 0) {
                    i += Long.BYTES;
                    codePoints += Long.BYTES;
                    continue;
                }
                int plain = Long.numberOfTrailingZeros(notPlain) >>> 3;
                i += plain;
                codePoints += plain;
            }
            if (i >= limit) {
                return false;
            }
            int c = b[i];
            if (c < 0) {
                flags &= ~RawRecord.ASCII;
                // Chinese text: a run of three-byte characters, whose lead byte needs no special case
                while (i + Integer.BYTES <= limit && isPlainThreeByte((int) INTS.get(b, i))) {
                    i += 3;
                    codePoints++;
                }
                if (i >= limit || b[i] >= 0) {
                    continue;
                }
                int lead = b[i] & 0xFF;
                i = multiByte(b, i, limit);
                if (i < 0) {
                    return false;
                }
                if (lead == 0xC2 && (b[i - 1] & 0xFF) <= 0x9F) {
                    flags |= RawRecord.CONTROL;  // U+0080 to U+009F
                }
                codePoints++;
                continue;
            }
            if (c == '"') {
                stringEnd = i;
                stringFlags = flags;
                stringCodePoints = codePoints;
                pos = i + 1;
                return true;
            }
            if (c == '\\') {
                flags |= RawRecord.ESCAPED;
                i = escape(i);
                if (i < 0) {
                    return false;
                }
            } else if (c == 0x7F) {
                flags |= RawRecord.CONTROL;
                i++;
            } else if (c < 0x20) {
                return false;  // a raw control character
            } else {
                i++;  // printable ASCII, near the end of the line
            }
            codePoints++;
        }
    }

    /**
     * The high bit of each of eight bytes (little-endian) that is not printable ASCII, or is a quote, a backslash
     * or DEL. Exact up to the first such byte (a borrow only ever marks bytes after it), which is all that is read.
     */
    private static long notPlainAscii(long word) {
        long below = word - 0x20 * ONES;                     // borrows (high bit) where a byte is below 0x20
        long quote = word ^ ('"' * ONES);
        long backslash = word ^ ('\\' * ONES);
        long del = word ^ (0x7F * ONES);
        long zeroByte = (quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (del - ONES) & ~del;
        return (word | below | zeroByte) & HIGH_BITS;
    }

    /**
     * The first three of four bytes (little-endian) are a well-formed three-byte character with a lead byte from
     * E1 to EF other than ED: the one form whose second byte may be any continuation byte.
     */
    private static boolean isPlainThreeByte(int bytes) {
        int lead = bytes & 0xFF;
        return (bytes & 0xC0C0F0) == 0x8080E0 && lead != 0xE0 && lead != 0xED;
    }

    /**
     * Checks the multi-byte character at {@code b[i]}: strict RFC 3629, as {@link Utf8}. The index after it, or
     * -1 when it is malformed or cut by the limit.
     */
    private static int multiByte(byte[] b, int i, int limit) {
        int c = b[i] & 0xFF;
        if (c < 0xC2) {
            return -1;  // a stray continuation byte, or the lead of an overlong two-byte form
        }
        if (c < 0xE0) {
            return i + 1 < limit && isContinuation(b[i + 1]) ? i + 2 : -1;
        }
        if (c < 0xF0) {
            if (i + 2 >= limit) {
                return -1;
            }
            int b1 = b[i + 1] & 0xFF;
            return !isContinuation(b1) || !isContinuation(b[i + 2])
                    || c == 0xE0 && b1 < 0xA0          // overlong
                    || c == 0xED && b1 >= 0xA0 ? -1    // a UTF-16 surrogate
                    : i + 3;
        }
        if (c < 0xF5) {
            if (i + 3 >= limit) {
                return -1;
            }
            int b1 = b[i + 1] & 0xFF;
            return !isContinuation(b1) || !isContinuation(b[i + 2]) || !isContinuation(b[i + 3])
                    || c == 0xF0 && b1 < 0x90          // overlong
                    || c == 0xF4 && b1 >= 0x90 ? -1    // above U+10FFFF
                    : i + 4;
        }
        return -1;
    }

    /** Checks the escape at {@code buf[i]} (a backslash); the index after it, or -1 when JSON has no such escape. */
    private int escape(int i) {
        if (i + 1 >= end) {
            return -1;
        }
        switch (buf[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                if (i + 6 > end) {
                    return -1;
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (Character.digit(buf[k], 16) < 0) {
                        return -1;
                    }
                }
                return i + 6;
            }
            default -> {
                return -1;
            }
        }
    }

    private static boolean isContinuation(int b) {
        return (b & 0xC0) == 0x80;
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = buf[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private boolean atEnd() {
        skipWhitespace();
        return pos == end;
    }

    /** The text of the envelope scalar just read: a wire word shared, not decoded, when it is one. */
    private String text(ValueKind kind, FieldNames words) {
        if (kind == ValueKind.STRING) {
            if (words != null && (stringFlags & RawRecord.ESCAPED) == 0) {
                int word = words.indexOf(buf, stringStart, stringEnd);
                if (word >= 0) {
                    return words.name(word);
                }
            }
            return decodeString(buf, stringStart, stringEnd, stringFlags);
        }
        return kind == ValueKind.NUMBER ? decodeAscii(buf, numberStart, pos) : null;
    }

    /** A number's text, ASCII by its grammar. */
    static String decodeAscii(byte[] buf, int start, int end) {
        return new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** The text of a string's content {@code buf[start, end)}, read by this reader with the given flags. */
    static String decodeString(byte[] buf, int start, int end, int flags) {
        if ((flags & RawRecord.ESCAPED) == 0) {
            return new String(buf, start, end - start,
                    (flags & RawRecord.ASCII) != 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(end - start);
        int segment = start;
        int i = start;
        while (i < end) {
            if (buf[i] != '\\') {
                i++;
                continue;
            }
            text.append(new String(buf, segment, i - segment, StandardCharsets.UTF_8));
            byte escaped = buf[i + 1];
            switch (escaped) {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    text.append((char) Integer.parseInt(new String(buf, i + 2, 4, StandardCharsets.ISO_8859_1), 16));
                    i += 4;
                }
                default -> text.append((char) escaped);
            }
            i += 2;
            segment = i;
        }
        text.append(new String(buf, segment, end - segment, StandardCharsets.UTF_8));
        return text.toString();
    }
}
