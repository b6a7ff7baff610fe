package org.creditgate.disclose;

import org.creditgate.catalog.SubjectType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The head version of a stored record, with what disclosure needs to know about it.
 *
 * @param data        the stored canonical data, parsed: strings (also dates, codes, enum values) as {@link String},
 *                    decimals as {@link java.math.BigDecimal}. It may hold anything; only catalog fields ever leave.
 * @param periodStart the date the disclosure period counts from (the catalog's {@code period_starts_from}), or null
 * @param periodEnd   the date that ends disclosure itself (the catalog's {@code period_ends_at}), or null
 * @param updatedAt   when the head version was stored
 * @param objection   what the objections against the record mean for its disclosure
 */
public record StoredRecord(String provider, String category, String recordId, int version, RecordState state,
                           SubjectType subjectType, String subjectCode, Map<String, Object> data,
                           LocalDate periodStart, LocalDate periodEnd, OffsetDateTime updatedAt,
                           ObjectionState objection) {

    public StoredRecord {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectCode, "subjectCode");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(objection, "objection");
        data = immutableCopy(Objects.requireNonNull(data, "data"));
    }

    /**
     * Records stay in the subject cache: without nulls (the stored data never has any) the copy is the compact
     * {@link Map#copyOf}, a single array; a copy that keeps nulls otherwise (Map.copyOf would refuse them).
     */
    private static Map<String, Object> immutableCopy(Map<String, Object> data) {
        if (data.containsValue(null) || data.containsKey(null)) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }
        return Map.copyOf(data);
    }
}
