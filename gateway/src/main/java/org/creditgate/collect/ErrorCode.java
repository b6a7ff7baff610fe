package org.creditgate.collect;

/** Why one record of a submission was rejected; the name is the {@code code} of the API's error entries. */
public enum ErrorCode {
    /** The line is not one well-formed JSON object in UTF-8 (duplicate keys and trailing content included). */
    INVALID_JSON,
    /** A required envelope or data field is absent or null. */
    MISSING_FIELD,
    /** A key the envelope or the category does not define. */
    UNKNOWN_FIELD,
    /** A value of the wrong type or outside its rules (length, format, enum values, date, decimal bounds). */
    INVALID_VALUE,
    /** {@code subject_code} fails the GB 32100 / GB 11643 rules for its {@code subject_type}. */
    INVALID_SUBJECT_CODE,
    /** The category does not take records about this kind of subject. */
    SUBJECT_TYPE_NOT_ALLOWED,
    /** A key names information that may not be collected; nothing of the record is stored. */
    PROHIBITED_FIELD,
    /** A revoke or repair of a record the provider never submitted (decided by the store). */
    UNKNOWN_RECORD,
    /** The line is longer than the configured limit (decided while splitting the body). */
    RECORD_TOO_LARGE
}
