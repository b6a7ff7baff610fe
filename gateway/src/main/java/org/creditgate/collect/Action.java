package org.creditgate.collect;

/** What a submitted record asks for (API.md, "Submissions"). */
public enum Action {
    /** Create the record, or a new version when its content changed. The default. */
    UPSERT("upsert"),
    /** Withdraw the record: never disclosed again. */
    REVOKE("revoke"),
    /** Credit repair: no longer disclosed, kept as an archive. */
    REPAIR("repair");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The action named on the wire, or null when there is none by that name. */
    public static Action fromWireOrNull(String value) {
        for (Action action : values()) {
            if (action.wireName.equals(value)) {
                return action;
            }
        }
        return null;
    }
}
