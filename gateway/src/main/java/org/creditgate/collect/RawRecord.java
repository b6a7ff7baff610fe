package org.creditgate.collect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line as read, before any rule is applied: the envelope's values, the data's entries in document order,
 * and every other key met anywhere in the object (they are checked for prohibited names). A kind of null means
 * the key was absent; the text is that of a string or a number, exactly as sent.
 */
final class RawRecord {

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
    private String[] dataNames = new String[16];
    private ValueKind[] dataKinds = new ValueKind[16];
    private String[] dataTexts = new String[16];

    /** Top-level keys that are not part of the envelope. */
    private List<String> unknownKeys;
    /** Keys inside nested values, at any depth, wherever they are. */
    private List<String> nestedKeys;

    void addData(String name, ValueKind kind, String text) {
        if (dataCount == dataNames.length) {
            int grown = dataCount * 2;
            dataNames = Arrays.copyOf(dataNames, grown);
            dataKinds = Arrays.copyOf(dataKinds, grown);
            dataTexts = Arrays.copyOf(dataTexts, grown);
        }
        dataNames[dataCount] = name;
        dataKinds[dataCount] = kind;
        dataTexts[dataCount] = text;
        dataCount++;
    }

    int dataCount() {
        return dataCount;
    }

    String dataName(int i) {
        return dataNames[i];
    }

    ValueKind dataKind(int i) {
        return dataKinds[i];
    }

    String dataText(int i) {
        return dataTexts[i];
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
