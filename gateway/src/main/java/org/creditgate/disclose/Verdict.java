package org.creditgate.disclose;

/** Whether a viewer sees a record at all, and whether it sees it marked as under objection. */
public enum Verdict {
    HIDDEN,
    VISIBLE,
    /** Visible, carrying {@code "objection": true}: an objection against it is being processed. */
    VISIBLE_UNDER_OBJECTION;

    public boolean visible() {
        return this != HIDDEN;
    }

    public boolean objection() {
        return this == VISIBLE_UNDER_OBJECTION;
    }
}
