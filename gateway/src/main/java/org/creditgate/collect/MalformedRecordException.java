package org.creditgate.collect;

/**
 * A line that is not one well-formed JSON object. Carries a message fit for the provider (no content of the
 * line) and the record_id when it was read before the fault. Without a stack trace: it is an expected outcome
 * on the per-record path, not a bug.
 */
final class MalformedRecordException extends Exception {

    private final transient String recordId;
    private final transient String field;

    MalformedRecordException(String message, String recordId, String field) {
        super(message, null, false, false);
        this.recordId = recordId;
        this.field = field;
    }

    String recordId() {
        return recordId;
    }

    String field() {
        return field;
    }
}
