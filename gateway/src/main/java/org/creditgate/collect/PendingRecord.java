package org.creditgate.collect;

/** A validated record waiting in a batch, with the body line it came from (for errors found when it is stored). */
public record PendingRecord(long line, ValidRecord record) {
}
