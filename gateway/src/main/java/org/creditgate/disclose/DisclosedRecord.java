package org.creditgate.disclose;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * One record of a lookup answer (API.md, "Lookups"): what the viewer sees of it, ready to be written out.
 *
 * @param data the visible fields, masked, in catalog order; never empty
 */
public record DisclosedRecord(String category, String recordId, String provider, int version,
                              OffsetDateTime updatedAt, boolean objection, Map<String, Object> data) {

    public DisclosedRecord {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(data, "data");
    }
}
