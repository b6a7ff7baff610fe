package org.creditgate.disclose;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A lookup as the caller asked it, already checked for shape.
 *
 * @param categories empty: every category
 * @param channel    how it came in: {@code batch} (POST /v1/lookups) or {@code single} (GET /v1/subjects/{code})
 */
public record LookupRequest(List<String> subjects, Optional<Set<String>> categories, String reason,
                            String onBehalfOf, String channel) {

    public LookupRequest {
        subjects = List.copyOf(subjects);
    }
}
