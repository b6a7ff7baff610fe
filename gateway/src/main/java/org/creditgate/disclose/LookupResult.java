package org.creditgate.disclose;

import java.util.List;
import java.util.UUID;

/** The answer to a lookup: one result per requested subject, in request order. */
public record LookupResult(UUID queryId, List<SubjectResult> results) {

    /**
     * @param error {@code INVALID_SUBJECT_CODE} for a malformed code (then view is null), else null
     * @param view  what the caller sees of the subject's records, rendered
     */
    public record SubjectResult(String subjectCode, String error, SubjectView view) {
    }
}
