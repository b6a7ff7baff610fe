package org.creditgate.collect;

/**
 * @param batchSize       records per write transaction
 * @param batchMaxBytes   bytes of record lines per write transaction (a batch is written at whichever limit comes
 *                        first)
 * @param maxErrorsListed errors listed in an answer (the counts stay exact beyond it)
 * @param maxLineBytes    longest accepted NDJSON line; longer ones are refused as RECORD_TOO_LARGE
 */
public record SubmissionLimits(int batchSize, long batchMaxBytes, int maxErrorsListed, int maxLineBytes) {
}
