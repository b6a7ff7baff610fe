package org.creditgate.audit;

/** The head of the chain as the database keeps it ({@code log_chain}): the last entry's seq and hash. */
public record ChainHead(long seq, byte[] hash) {
}
