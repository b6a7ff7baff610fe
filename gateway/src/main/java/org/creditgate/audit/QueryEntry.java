package org.creditgate.audit;

import java.util.List;
import java.util.UUID;

/**
 * One line of the query log (查询日志): who queried, how (channel), why (reason), which subjects, and which
 * categories came back (DOMAIN.md "Logs").
 */
public record QueryEntry(UUID queryId, String clientId, String role, String channel, String reason,
                         String onBehalfOf, List<String> subjects, List<String> categories) {

    public QueryEntry {
        subjects = List.copyOf(subjects);
        categories = List.copyOf(categories);
    }
}
