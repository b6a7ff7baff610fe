package org.creditgate.collect;

import java.util.List;
import java.util.UUID;

/** The answer to a submission (API.md): exact counts, and at most the first N errors in line order. */
public record SubmissionResult(UUID submissionId, String category, long received, long accepted, long rejected,
                               List<RecordError> errors, boolean errorsTruncated) {
}
