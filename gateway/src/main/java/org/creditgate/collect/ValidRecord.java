package org.creditgate.collect;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.creditgate.catalog.SubjectType;

/**
 * A record that passed validation, in canonical form. A value class with the accessors of a record: equal when
 * every part is.
 *
 * <p>The canonical data is made as UTF-8 bytes, which is what is hashed and what the store can send as is; its
 * text is decoded from them only when {@link #canonicalData()} is first asked for.
 */
public final class ValidRecord implements RecordOutcome {

    private final String recordId;
    private final SubjectType subjectType;
    private final String subjectCode;
    private final Action action;
    private final byte[] canonicalDataUtf8;
    private final LocalDate periodStart;
    private final LocalDate periodEnd;
    private final byte[] contentHash;
    /** Decoded on first use; a race decodes it twice into equal immutable strings, which is harmless. */
    private String canonicalData;

    /**
     * @param subjectCode   the subject's code as sent: checked, so in its one valid spelling (upper case)
     * @param canonicalData the record's data as JSON text: catalog fields only, in catalog order, absent and null
     *                      fields left out, decimals as plain JSON numbers without trailing zeros; null for a
     *                      revoke or a repair, which carry no data
     * @param periodStart   the value of the category's {@code periodStartsFrom} field, when the record has one
     * @param periodEnd     the value of the category's {@code periodEndsAt} field, when the record has one
     * @param contentHash   SHA-256 over action, subject and canonical data: equal exactly when the content is, so
     *                      the store can tell a resubmission from a change without reading the stored data.
     *                      Shared, not copied: do not modify
     */
    public ValidRecord(String recordId, SubjectType subjectType, String subjectCode, Action action,
                       String canonicalData, LocalDate periodStart, LocalDate periodEnd, byte[] contentHash) {
        this(recordId, subjectType, subjectCode, action,
                canonicalData == null ? null : canonicalData.getBytes(StandardCharsets.UTF_8), canonicalData,
                periodStart, periodEnd, contentHash);
    }

    private ValidRecord(String recordId, SubjectType subjectType, String subjectCode, Action action,
                        byte[] canonicalDataUtf8, String canonicalData, LocalDate periodStart, LocalDate periodEnd,
                        byte[] contentHash) {
        this.recordId = Objects.requireNonNull(recordId, "recordId");
        this.subjectType = Objects.requireNonNull(subjectType, "subjectType");
        this.subjectCode = Objects.requireNonNull(subjectCode, "subjectCode");
        this.action = Objects.requireNonNull(action, "action");
        this.canonicalDataUtf8 = canonicalDataUtf8;
        this.canonicalData = canonicalData;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.contentHash = Objects.requireNonNull(contentHash, "contentHash");
    }

    /** A record whose canonical data is given as its UTF-8 bytes (null for none), kept without a copy. */
    static ValidRecord withCanonicalUtf8(String recordId, SubjectType subjectType, String subjectCode,
                                         Action action, byte[] canonicalDataUtf8, LocalDate periodStart,
                                         LocalDate periodEnd, byte[] contentHash) {
        return new ValidRecord(recordId, subjectType, subjectCode, action, canonicalDataUtf8, null, periodStart,
                periodEnd, contentHash);
    }

    public String recordId() {
        return recordId;
    }

    public SubjectType subjectType() {
        return subjectType;
    }

    public String subjectCode() {
        return subjectCode;
    }

    public Action action() {
        return action;
    }

    /** The canonical data as JSON text; null for a revoke or a repair. */
    public String canonicalData() {
        String text = canonicalData;
        if (text == null && canonicalDataUtf8 != null) {
            text = new String(canonicalDataUtf8, StandardCharsets.UTF_8);
            canonicalData = text;
        }
        return text;
    }

    /**
     * The canonical data as UTF-8, the bytes the content hash covers; null for a revoke or a repair. Shared, not
     * copied: do not modify.
     */
    public byte[] canonicalDataUtf8() {
        return canonicalDataUtf8;
    }

    public LocalDate periodStart() {
        return periodStart;
    }

    public LocalDate periodEnd() {
        return periodEnd;
    }

    /** Shared, not copied: do not modify. */
    public byte[] contentHash() {
        return contentHash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValidRecord that
                && recordId.equals(that.recordId)
                && subjectType == that.subjectType
                && subjectCode.equals(that.subjectCode)
                && action == that.action
                && Arrays.equals(canonicalDataUtf8, that.canonicalDataUtf8)
                && Objects.equals(periodStart, that.periodStart)
                && Objects.equals(periodEnd, that.periodEnd)
                && Arrays.equals(contentHash, that.contentHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recordId, subjectType, subjectCode, action, Arrays.hashCode(contentHash));
    }

    /** Leaves the subject code and the data out: log lines must not carry personal data. */
    @Override
    public String toString() {
        return "ValidRecord[recordId=" + recordId + ", subjectType=" + subjectType.wireName()
                + ", action=" + action.wireName() + ", contentHash=" + HexFormat.of().formatHex(contentHash) + "]";
    }
}
