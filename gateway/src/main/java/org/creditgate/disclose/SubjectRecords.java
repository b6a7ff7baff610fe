package org.creditgate.disclose;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The current versions of every record of one subject, with their objection states: what the cache holds. It also
 * keeps the views rendered from them, per kind of caller and day (and, for agencies the subject authorized, per
 * authorization), so a hot subject is rendered once, not once per lookup; a change to the subject replaces the
 * whole entry, views included.
 */
public final class SubjectRecords {

    /** Views of past days are of no further use; a few days' worth of keys is plenty. */
    private static final int MAX_VIEWS = 4 * Viewer.values().length;

    private final String subjectCode;
    private final List<StoredRecord> records;
    private final boolean authorizationsInForce;
    /** the day's views by caller kind: read on every cached lookup, so an array rather than a map */
    private volatile DayViews dayViews;
    private final Map<GrantKey, SubjectView> grantViews = new ConcurrentHashMap<>();

    /**
     * @param authorizationsInForce whether any agency held an authorization of the subject, not revoked and not
     *                              expired, when the records were read. A grant announces the subject, which drops
     *                              this entry; so while the entry is cached, false means no agency is authorized
     *                              (revocations and expiry only make true the safe side: it asks the database).
     */
    public SubjectRecords(String subjectCode, List<StoredRecord> records, boolean authorizationsInForce) {
        this.subjectCode = subjectCode;
        this.records = List.copyOf(records);
        this.authorizationsInForce = authorizationsInForce;
    }

    public String subjectCode() {
        return subjectCode;
    }

    public List<StoredRecord> records() {
        return records;
    }

    /** Whether an agency's lookup has to ask which authorizations it holds for this subject. */
    public boolean authorizationsInForce() {
        return authorizationsInForce;
    }

    /** The view for this caller kind on this day (epoch day) if it was rendered already, else null. */
    SubjectView view(Viewer viewer, long epochDay) {
        DayViews today = dayViews;
        return today == null || today.epochDay != epochDay ? null : today.byViewer[viewer.ordinal()];
    }

    /** Keeps the view rendered for this caller kind on this day (epoch day). */
    void keep(Viewer viewer, long epochDay, SubjectView view) {
        DayViews today = dayViews;
        if (today == null || today.epochDay != epochDay) {
            // views of other days are of no further use
            today = new DayViews(epochDay);
            dayViews = today;
        }
        // two lookups may both render it: either result is the same view
        today.byViewer[viewer.ordinal()] = view;
    }

    /**
     * The view for an agency holding this authorization on this day, rendered on first use. What an authorization
     * shows depends only on the categories it covers (its expiry was checked when it was read), so agencies with
     * equal authorizations share a view.
     */
    SubjectView view(Viewer viewer, long epochDay, Authorization grant, Supplier<SubjectView> render) {
        GrantKey key = new GrantKey(epochDay, viewer, grant);
        SubjectView view = grantViews.get(key);
        if (view == null) {
            view = render.get();
            if (grantViews.size() > MAX_VIEWS) {
                grantViews.clear();
            }
            grantViews.put(key, view);
        }
        return view;
    }

    private static final class DayViews {
        final long epochDay;
        /** written racily: a reader sees null (and renders again) or a complete view (its fields are final) */
        final SubjectView[] byViewer = new SubjectView[Viewer.values().length];

        DayViews(long epochDay) {
            this.epochDay = epochDay;
        }
    }

    private record GrantKey(long epochDay, Viewer viewer, Authorization grant) {
    }
}
