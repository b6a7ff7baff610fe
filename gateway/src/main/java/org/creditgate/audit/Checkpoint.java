package org.creditgate.audit;

import java.time.Instant;

/**
 * A signed statement by one gateway instance that the chain's entry {@code seq} had hash {@code headHash}, with
 * {@code entries} entries in all, at {@code signedAt}. {@link CheckpointSigner#signedBytes} defines what is signed.
 *
 * @param publicKey the signer's Ed25519 key, X.509 SubjectPublicKeyInfo encoded
 */
public record Checkpoint(long seq, byte[] headHash, long entries, Instant signedAt, byte[] publicKey,
                         byte[] signature) {
}
