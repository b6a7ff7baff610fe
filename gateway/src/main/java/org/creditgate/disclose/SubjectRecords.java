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
    private final Map<Long, SubjectView> views = new ConcurrentHashMap<>();
    private final Map<GrantKey, SubjectView> grantViews = new ConcurrentHashMap<>();

    public SubjectRecords(String subjectCode, List<StoredRecord> records) {
        this.subjectCode = subjectCode;
        this.records = List.copyOf(records);
    }

    public String subjectCode() {
        return subjectCode;
    }

    public List<StoredRecord> records() {
        return records;
    }

    /** The view for this caller kind on this day (epoch day), rendered on first use. */
    SubjectView view(Viewer viewer, long epochDay, Supplier<SubjectView> render) {
        long key = epochDay * Viewer.values().length + viewer.ordinal();
        SubjectView view = views.get(key);
        if (view == null) {
            view = render.get();
            if (views.size() > MAX_VIEWS) {
                views.clear();
            }
            views.put(key, view);
        }
        return view;
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

    private record GrantKey(long epochDay, Viewer viewer, Authorization grant) {
    }
}
