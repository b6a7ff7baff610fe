package org.creditgate.disclose;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One subject as one kind of caller sees it on one day, rendered once: the whole result object of a lookup
 * answer ({@code {"subject_code":...,"records":[...]}}, the code as this caller is shown it), which goes into the
 * answer as it is, and the categories it shows (for the query log).
 */
public final class SubjectView {

    /** a comma, then the result object: answers list results one after the other */
    private final byte[] separatedJson;
    private final List<String> categories;

    /** @param separatedJson a comma, then the result object */
    SubjectView(byte[] separatedJson, List<String> categories) {
        if (separatedJson.length < 3 || separatedJson[0] != ',') {
            throw new IllegalArgumentException("a view starts with the comma that separates it from the one before");
        }
        this.separatedJson = separatedJson;
        this.categories = canonical(List.copyOf(categories));
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

    public List<String> categories() {
        return categories;
    }
}
