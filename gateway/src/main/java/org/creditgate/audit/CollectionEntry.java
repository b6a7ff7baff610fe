package org.creditgate.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One line of the collection log (归集日志): provider, time, channel, category, counts (DOMAIN.md "Logs").
 *
 * @param complete false when the connection broke: the counts are then what was committed before it did
 */
public record CollectionEntry(UUID submissionId, String provider, String category, String channel, long received,
                              long accepted, long rejected, Map<String, Long> rejectedByCode, boolean complete,
                              OffsetDateTime startedAt) {

    public CollectionEntry {
        rejectedByCode = Map.copyOf(rejectedByCode);
    }
}
