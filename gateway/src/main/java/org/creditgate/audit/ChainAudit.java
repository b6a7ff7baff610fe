package org.creditgate.audit;

import java.util.List;

/**
 * What the audit endpoints need of the log chain: its queries, this instance's checkpoint key, and the keys whose
 * checkpoints and anchors verification accepts (this instance's and the configured ones).
 */
public record ChainAudit(ChainQueries queries, CheckpointSigner signer, List<byte[]> trustedKeys) {

    public ChainAudit {
        trustedKeys = List.copyOf(trustedKeys);
    }
}
