package org.creditgate.collect;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.creditgate.catalog.SubjectType;

/**
 * A record that passed validation, in canonical form.
 *
 * @param subjectCode   the subject's code as sent: checked, so in its one valid spelling (upper case)
 * @param canonicalData the record's data as JSON text: catalog fields only, in catalog order, absent and null
 *                      fields left out, decimals as plain JSON numbers without trailing zeros; null for a revoke
 *                      or a repair, which carry no data
 * @param periodStart   the value of the category's {@code periodStartsFrom} field, when the record has one
 * @param periodEnd     the value of the category's {@code periodEndsAt} field, when the record has one
 * @param contentHash   SHA-256 over action, subject and canonical data: equal exactly when the content is, so
 *                      the store can tell a resubmission from a change without reading the stored data.
 *                      Shared, not copied: do not modify
 */
public record ValidRecord(String recordId, SubjectType subjectType, String subjectCode, Action action,
                          String canonicalData, LocalDate periodStart, LocalDate periodEnd, byte[] contentHash)
        implements RecordOutcome {

    public ValidRecord {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectCode, "subjectCode");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValidRecord that
                && recordId.equals(that.recordId)
                && subjectType == that.subjectType
                && subjectCode.equals(that.subjectCode)
                && action == that.action
                && Objects.equals(canonicalData, that.canonicalData)
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
