package org.creditgate.collect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line as read, before any rule is applied: the envelope's values, the data's entries in document order,
 * and every other key met anywhere in the object (they are checked for prohibited names). A kind of null means
 * the key was absent; the text is that of a string or a number, exactly as sent.
 *
 * <p>A data value read straight from the line's bytes ({@link DirectRecordReader}) keeps where it lies in the
 * line, so that its checks and its canonical form can work on the bytes; its text is decoded only when asked
 * for. Such a record is valid only while the line's buffer is: during one validation.
 *
 * <p>Reused line after line by one thread ({@link #reset}); not thread-safe.
 */
final class RawRecord {

    /** A string value (its content, between the quotes) holds at least one backslash escape. */
    static final int ESCAPED = 1;
    /** A string value holds only ASCII characters. */
    static final int ASCII = 2;
    /** A string value holds DEL or a C1 control character, which no stored text may hold. */
    static final int CONTROL = 4;

    private static final int INITIAL_ENTRIES = 16;

    /** The line, for values read straight from it. */
    byte[] line;
    /** The length of the line in bytes: canonical data is rarely longer, so it sizes the output buffer. */
    int lineLength;
    ValueKind recordIdKind;
    String recordId;
    ValueKind subjectTypeKind;
    String subjectType;
    ValueKind subjectCodeKind;
    String subjectCode;
    ValueKind actionKind;
    String action;
    ValueKind dataKind;

    private int dataCount;
    private String[] dataNames = new String[INITIAL_ENTRIES];
    private int[] dataFields = new int[INITIAL_ENTRIES];
    private ValueKind[] dataKinds = new ValueKind[INITIAL_ENTRIES];
    private String[] dataTexts = new String[INITIAL_ENTRIES];
    private int[] valueStarts = new int[INITIAL_ENTRIES];
    private int[] valueEnds = new int[INITIAL_ENTRIES];
    private int[] valueFlags = new int[INITIAL_ENTRIES];
    private int[] valueCodePoints = new int[INITIAL_ENTRIES];

    /** Top-level keys that are not part of the envelope. */
    private List<String> unknownKeys;
    /** Keys inside nested values, at any depth, wherever they are. */
    private List<String> nestedKeys;

    /** Forgets the previous line. */
    void reset(byte[] line, int lineLength) {
        this.line = line;
        this.lineLength = lineLength;
        recordIdKind = null;
        recordId = null;
        subjectTypeKind = null;
        subjectType = null;
        subjectCodeKind = null;
        subjectCode = null;
        actionKind = null;
        action = null;
        dataKind = null;
        Arrays.fill(dataNames, 0, dataCount, null);
        Arrays.fill(dataTexts, 0, dataCount, null);
        dataCount = 0;
        unknownKeys = null;
        nestedKeys = null;
    }

    /** A data entry as text: its value's text, or null when it is neither a string nor a number. */
    void addData(String name, int field, ValueKind kind, String text) {
        int i = newEntry();
        dataNames[i] = name;
        dataFields[i] = field;
        dataKinds[i] = kind;
        dataTexts[i] = text;
        valueStarts[i] = -1;
    }

    /**
     * A data entry read straight from the line: a string's content or a number's text lies in
     * {@code line[start, end)}; {@code flags} and {@code codePoints} describe a string's content.
     */
    void addData(String name, int field, ValueKind kind, int start, int end, int flags, int codePoints) {
        int i = newEntry();
        dataNames[i] = name;
        dataFields[i] = field;
        dataKinds[i] = kind;
        dataTexts[i] = null;
        valueStarts[i] = start;
        valueEnds[i] = end;
        valueFlags[i] = flags;
        valueCodePoints[i] = codePoints;
    }

    private int newEntry() {
        if (dataCount == dataNames.length) {
            int grown = dataCount * 2;
            dataNames = Arrays.copyOf(dataNames, grown);
            dataFields = Arrays.copyOf(dataFields, grown);
            dataKinds = Arrays.copyOf(dataKinds, grown);
            dataTexts = Arrays.copyOf(dataTexts, grown);
            valueStarts = Arrays.copyOf(valueStarts, grown);
            valueEnds = Arrays.copyOf(valueEnds, grown);
            valueFlags = Arrays.copyOf(valueFlags, grown);
            valueCodePoints = Arrays.copyOf(valueCodePoints, grown);
        }
        return dataCount++;
    }

    int dataCount() {
        return dataCount;
    }

    String dataName(int i) {
        return dataNames[i];
    }

    /** The catalog field the entry's key names, or {@link FieldNames#NOT_FOUND}. */
    int dataField(int i) {
        return dataFields[i];
    }

    ValueKind dataKind(int i) {
        return dataKinds[i];
    }

    /** The value's text (a string's decoded content, a number as written), or null for other kinds. */
    String dataText(int i) {
        String text = dataTexts[i];
        if (text == null && valueStarts[i] >= 0) {
            text = dataKinds[i] == ValueKind.STRING
                    ? DirectRecordReader.decodeString(line, valueStarts[i], valueEnds[i], valueFlags[i])
                    : DirectRecordReader.decodeAscii(line, valueStarts[i], valueEnds[i]);
            dataTexts[i] = text;
        }
        return text;
    }

    /** Whether the value lies in the line as bytes that are its text unchanged: no escape to decode. */
    boolean isVerbatim(int i) {
        return valueStarts[i] >= 0 && (valueFlags[i] & ESCAPED) == 0;
    }

    int valueStart(int i) {
        return valueStarts[i];
    }

    int valueEnd(int i) {
        return valueEnds[i];
    }

    int valueFlags(int i) {
        return valueFlags[i];
    }

    int valueCodePoints(int i) {
        return valueCodePoints[i];
    }

    void addUnknownKey(String name) {
        if (unknownKeys == null) {
            unknownKeys = new ArrayList<>(2);
        }
        unknownKeys.add(name);
    }

    List<String> unknownKeys() {
        return unknownKeys == null ? List.of() : unknownKeys;
    }

    void addNestedKey(String name) {
        if (nestedKeys == null) {
            nestedKeys = new ArrayList<>(4);
        }
        nestedKeys.add(name);
    }

    List<String> nestedKeys() {
        return nestedKeys == null ? List.of() : nestedKeys;
    }
}
