package org.creditgate.audit;

/**
 * One logged entry as the chain sees it: where it says it stands, the hashes it carries, and its canonical content
 * recomputed from its columns (see {@link CanonicalContent}).
 *
 * @param log the table it lives in ({@code collection_log} or {@code query_log})
 * @param seq null only when someone stored an entry outside the chain
 */
public record ChainEntry(String log, Long seq, byte[] prevHash, byte[] hash, byte[] content) {
}
