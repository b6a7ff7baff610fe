package org.creditgate.disclose;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One subject as one kind of caller sees it on one day, rendered once: the whole result object of a lookup
 * answer ({@code {"subject_code":...,"records":[...]}}, the code as this caller is shown it), which goes into the
 * answer as it is, and the categories it shows (for the query log).
 *
 * <p>It also knows where each record's object lies in it, so a lookup asking for some categories only is answered
 * with the slices of those records ({@link #only}), without the records being projected and rendered again.
 */
public final class SubjectView {

    /** a comma, then the result object: answers list results one after the other */
    private final byte[] separatedJson;
    private final List<String> categories;
    /** where the records array's first element would start (just after its '[') */
    private final int recordsStart;
    /** per record, in order: its category, and where its object starts and ends (exclusive) */
    private final String[] recordCategories;
    private final int[] recordStarts;
    private final int[] recordEnds;

    /**
     * @param separatedJson a comma, then the result object
     * @param recordsStart  the index just after the records array's '['
     * @param recordCategories, recordStarts, recordEnds per record, its category and its object's bounds
     */
    SubjectView(byte[] separatedJson, int recordsStart, String[] recordCategories, int[] recordStarts,
                int[] recordEnds) {
        if (separatedJson.length < 3 || separatedJson[0] != ',') {
            throw new IllegalArgumentException("a view starts with the comma that separates it from the one before");
        }
        if (recordCategories.length != recordStarts.length || recordStarts.length != recordEnds.length) {
            throw new IllegalArgumentException("each record needs a category and bounds");
        }
        this.separatedJson = separatedJson;
        this.recordsStart = recordsStart;
        this.recordCategories = recordCategories;
        this.recordStarts = recordStarts;
        this.recordEnds = recordEnds;
        this.categories = canonical(List.copyOf(new TreeSet<>(Arrays.asList(recordCategories))));
    }

    /**
     * Views share one list per distinct set of categories (there are few), so a lookup gathering the categories it
     * returned can skip a list it has just added by identity, without a set operation per subject.
     */
    private static List<String> canonical(List<String> categories) {
        if (CATEGORY_LISTS.size() > MAX_CATEGORY_LISTS) {
            return categories;
        }
        List<String> shared = CATEGORY_LISTS.putIfAbsent(categories, categories);
        return shared == null ? categories : shared;
    }

    private static final int MAX_CATEGORY_LISTS = 4096;
    private static final Map<List<String>, List<String>> CATEGORY_LISTS = new ConcurrentHashMap<>();

    /**
     * A comma, then the result object, UTF-8 JSON; not to be modified. Writers of an answer take it whole for every
     * result but the first, which starts at index 1: so each result is one copy.
     */
    public byte[] separatedJson() {
        return separatedJson;
    }

    /** The categories of the records shown, sorted. */
    public List<String> categories() {
        return categories;
    }

    /**
     * The same subject with only the records of these categories: the same bytes, records left out. Every record
     * keeps the object it had; it is disclosed or not on its own, whatever else the subject has.
     */
    SubjectView only(Set<String> wanted) {
        int kept = 0;
        int recordBytes = 0;
        for (int i = 0; i < recordCategories.length; i++) {
            if (wanted.contains(recordCategories[i])) {
                kept++;
                recordBytes += recordEnds[i] - recordStarts[i];
            }
        }
        if (kept == recordCategories.length) {
            return this;
        }
        // the head up to '[', the records with a comma between each two, then "]}"
        byte[] json = Arrays.copyOf(separatedJson, recordsStart + recordBytes + Math.max(0, kept - 1) + 2);
        String[] categoriesKept = new String[kept];
        int[] starts = new int[kept];
        int[] ends = new int[kept];
        int at = recordsStart;
        int k = 0;
        for (int i = 0; i < recordCategories.length; i++) {
            if (!wanted.contains(recordCategories[i])) {
                continue;
            }
            if (k > 0) {
                json[at++] = ',';
            }
            int length = recordEnds[i] - recordStarts[i];
            System.arraycopy(separatedJson, recordStarts[i], json, at, length);
            categoriesKept[k] = recordCategories[i];
            starts[k] = at;
            ends[k] = at + length;
            at += length;
            k++;
        }
        json[at++] = ']';
        json[at] = '}';
        return new SubjectView(json, recordsStart, categoriesKept, starts, ends);
    }
}
