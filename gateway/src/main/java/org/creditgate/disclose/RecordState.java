package org.creditgate.disclose;

import java.util.Objects;

/** What the stored head version of a record says about it: the action that produced that version. */
public enum RecordState {
    /** The last version is an upsert: the record stands. */
    ACTIVE,
    /** Withdrawn by its provider (e.g. the legal document behind it was revoked): never disclosed again, to anyone. */
    REVOKED,
    /** Credit repair (信用修复): no longer disclosed, kept as an archive that judicial organs still see. */
    REPAIRED;

    /**
     * The state a head version's action ({@code upsert}, {@code revoke}, {@code repair}, as stored) leaves the record in.
     *
     * @throws IllegalArgumentException for any other action: a record whose state is unknown must not be disclosed
     */
    public static RecordState fromAction(String action) {
        Objects.requireNonNull(action, "action");
        return switch (action) {
            case "upsert" -> ACTIVE;
            case "revoke" -> REVOKED;
            case "repair" -> REPAIRED;
            default -> throw new IllegalArgumentException("unknown record action: " + action);
        };
    }
}
