package org.creditgate.collect;

/** What validating one line gives: a record ready to store, or the reason it was refused. */
public sealed interface RecordOutcome permits ValidRecord, RecordError {
}
