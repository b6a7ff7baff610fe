package org.creditgate.collect;

/**
 * @param batchSize       records per write transaction
 * @param maxErrorsListed errors listed in an answer (the counts stay exact beyond it)
 * @param maxLineBytes    longest accepted NDJSON line; longer ones are refused as RECORD_TOO_LARGE
 */
public record SubmissionLimits(int batchSize, int maxErrorsListed, int maxLineBytes) {
}
