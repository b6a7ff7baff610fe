package org.creditgate.collect;

/**
 * The stored head of a record, as far as versioning needs it.
 *
 * @param contentHash the hash of the record's last upsert (carried into revoke and repair versions)
 */
public record CurrentVersion(String recordId, int version, Action action, String subjectCode, byte[] contentHash) {
}
