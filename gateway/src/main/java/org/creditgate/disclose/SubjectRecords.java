package org.creditgate.disclose;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The current versions of every record of one subject, with their objection states: what the cache holds. It also
 * keeps the views rendered from them, per kind of caller and day, so a hot subject is rendered once, not once per
 * lookup; a change to the subject replaces the whole entry, views included.
 */
public final class SubjectRecords {

    private final String subjectCode;
    private final List<StoredRecord> records;
    private final Map<Long, SubjectView> views = new ConcurrentHashMap<>();

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
            // views of past days are of no further use
            if (views.size() > 2 * Viewer.values().length) {
                views.clear();
            }
            views.put(key, view);
        }
        return view;
    }
}
