package org.creditgate.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems while the catalog is read. A scope ({@link #in}) prefixes its problems with where they are
 * ("config/catalog/honor.yaml: field 'level': ..."), and all scopes share one list.
 */
final class Problems {

    private final List<String> found;
    private final String prefix;

    private Problems(List<String> found, String prefix) {
        this.found = found;
        this.prefix = prefix;
    }

    static Problems collect() {
        return new Problems(new ArrayList<>(), "");
    }

    Problems in(String scope) {
        return new Problems(found, prefix + scope + ": ");
    }

    void add(String problem) {
        found.add(prefix + problem);
    }

    /** How many problems were found so far in every scope; compare before and after reading a part. */
    int count() {
        return found.size();
    }

    List<String> all() {
        return List.copyOf(found);
    }
}
