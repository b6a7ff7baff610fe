package org.creditgate.disclose;

import java.util.List;

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
        this.categories = List.copyOf(categories);
    }

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
