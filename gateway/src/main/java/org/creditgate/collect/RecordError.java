package org.creditgate.collect;

import java.util.Objects;

/**
 * One refused record, as listed in a submission's {@code errors}. The message names the field and the rule it
 * breaks; it never repeats the submitted value, which may be personal data.
 *
 * @param line     the line number in the submitted body, from 1
 * @param recordId the record's {@code record_id} when it could be read, else null
 * @param field    the offending key, when one is to blame, else null
 */
public record RecordError(long line, String recordId, ErrorCode code, String field, String message)
        implements RecordOutcome {

    public RecordError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** A line the splitter found longer than the limit: its content, record_id included, was never read. */
    public static RecordError recordTooLarge(long line, int maxLineBytes) {
        return new RecordError(line, null, ErrorCode.RECORD_TOO_LARGE, null,
                "the line is longer than " + maxLineBytes + " bytes");
    }

    /** A revoke or repair of a record the provider has not submitted in this category. */
    public static RecordError unknownRecord(long line, String recordId, Action action) {
        return new RecordError(line, recordId, ErrorCode.UNKNOWN_RECORD, "record_id",
                "there is no record with this record_id to " + action.wireName());
    }
}
