package org.creditgate.collect;

import org.creditgate.catalog.SubjectType;

import java.time.LocalDate;

/**
 * A new version to append. For a revoke or repair of a record whose last upsert is already stored,
 * {@code data} is null: the store copies the data, hash and period dates of the previous version, so the archive
 * keeps the record's content.
 *
 * @param data the canonical data as UTF-8, the bytes the content hash covers, sent to the database as they are.
 *             Shared, not copied: do not modify
 */
public record VersionRow(String recordId, int version, Action action, SubjectType subjectType, String subjectCode,
                         byte[] data, byte[] contentHash, LocalDate periodStart, LocalDate periodEnd) {

    public boolean copiesPrevious() {
        return data == null;
    }
}
