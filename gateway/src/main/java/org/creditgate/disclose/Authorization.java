package org.creditgate.disclose;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What one agency may see of one subject's `authorized` fields right now: all categories, or these. */
public record Authorization(boolean allCategories, Set<String> categories) {

    public Authorization {
        categories = Set.copyOf(categories);
    }

    /** An authorization's stored category list; empty means every category. */
    public static Authorization of(List<String> categories) {
        return categories.isEmpty() ? new Authorization(true, Set.of()) : new Authorization(false, Set.copyOf(categories));
    }

    public boolean covers(String category) {
        return allCategories || categories.contains(category);
    }

    public Authorization union(Authorization other) {
        if (allCategories || other.allCategories) {
            return new Authorization(true, Set.of());
        }
        Set<String> both = new HashSet<>(categories);
        both.addAll(other.categories);
        return new Authorization(false, both);
    }
}
