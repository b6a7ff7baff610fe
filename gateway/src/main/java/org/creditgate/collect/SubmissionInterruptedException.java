package org.creditgate.collect;

/** The provider's connection broke before its submission ended; there is nobody left to answer. */
public final class SubmissionInterruptedException extends RuntimeException {

    public SubmissionInterruptedException(Throwable cause) {
        super("the connection broke before the submission ended", cause, false, false);
    }
}
