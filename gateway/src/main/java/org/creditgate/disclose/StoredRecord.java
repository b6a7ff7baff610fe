package org.creditgate.disclose;

import org.creditgate.catalog.SubjectType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The head version of a stored record, with what disclosure needs to know about it.
 *
 * @param data        the stored canonical data as it came from the database: a JSON object, UTF-8 (not to be
 *                    modified). It may hold anything; only catalog fields ever leave, read by {@link Projection}.
 *                    Kept as bytes rather than parsed: a record is read once per view rendered, and the cache holds
 *                    the compact bytes rather than a map of strings. (As with any array in a record, equals and
 *                    hashCode compare the array by identity; nothing compares stored records.)
 * @param periodStart the date the disclosure period counts from (the catalog's {@code period_starts_from}), or null
 * @param periodEnd   the date that ends disclosure itself (the catalog's {@code period_ends_at}), or null
 * @param updatedAt   when the head version was stored
 * @param objection   what the objections against the record mean for its disclosure
 */
public record StoredRecord(String provider, String category, String recordId, int version, RecordState state,
                           SubjectType subjectType, String subjectCode, byte[] data,
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
        Objects.requireNonNull(data, "data");
    }
}
