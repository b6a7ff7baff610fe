package org.creditgate.audit;

/** What the audit endpoints need of the log chain: its queries, and this instance's checkpoint key. */
public record ChainAudit(ChainQueries queries, CheckpointSigner signer) {
}
