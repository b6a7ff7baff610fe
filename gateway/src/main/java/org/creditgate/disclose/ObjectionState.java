package org.creditgate.disclose;

import java.util.Objects;
import java.util.Optional;

/**
 * What the objections (异议) raised against a record mean for its disclosure. Only this matters here: an objection
 * resolved {@code upheld} or {@code corrected} is over and leaves no trace on disclosure (a correction arrives as a
 * new version from the provider), so it counts as {@link #NONE}.
 */
public enum ObjectionState {
    /** No objection open, none resolved {@code deleted}. */
    NONE,
    /** An objection is being processed: the record is flagged, or withheld, depending on the objection policy. */
    OPEN,
    /** An objection was resolved {@code deleted}: out of disclosure for good, kept in the archive. */
    DELETED;

    /**
     * The state of a record with this state and one more objection in state {@code other}: a deletion is final
     * whatever else is open, and one open objection is enough to flag the record.
     */
    public ObjectionState and(ObjectionState other) {
        Objects.requireNonNull(other, "other");
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * The state a resolved objection leaves: {@code upheld} and {@code corrected} end it ({@link #NONE}),
     * {@code deleted} removes the record from disclosure ({@link #DELETED}); empty for any other outcome.
     */
    public static Optional<ObjectionState> afterOutcome(String outcome) {
        Objects.requireNonNull(outcome, "outcome");
        return switch (outcome) {
            case "upheld", "corrected" -> Optional.of(NONE);
            case "deleted" -> Optional.of(DELETED);
            default -> Optional.empty();
        };
    }
}
