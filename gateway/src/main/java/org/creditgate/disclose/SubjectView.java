package org.creditgate.disclose;

import java.util.List;

/**
 * One subject's records as one kind of caller sees them on one day, rendered once: the JSON array that goes into
 * the answer as it is, and the categories it shows (for the query log).
 */
public record SubjectView(byte[] recordsJson, List<String> categories) {

    public SubjectView {
        categories = List.copyOf(categories);
    }
}
