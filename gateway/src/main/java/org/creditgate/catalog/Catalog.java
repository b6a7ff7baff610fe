package org.creditgate.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The published catalog: every category the gateway collects and discloses, in a stable order (by id). */
public final class Catalog {

    private final Map<String, Category> categories;
    private final List<Category> ordered;

    public Catalog(List<Category> categories) {
        Map<String, Category> byId = new LinkedHashMap<>();
        categories.stream()
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(c -> {
                    if (byId.putIfAbsent(c.id(), c) != null) {
                        throw new IllegalArgumentException("duplicate category id " + c.id());
                    }
                });
        this.categories = Map.copyOf(byId);
        this.ordered = List.copyOf(byId.values());
    }

    public Optional<Category> category(String id) {
        return Optional.ofNullable(categories.get(id));
    }

    public List<Category> categories() {
        return ordered;
    }
}
