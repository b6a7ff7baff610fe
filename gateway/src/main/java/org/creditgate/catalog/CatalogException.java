package org.creditgate.catalog;

import java.util.List;

/**
 * The catalog files are wrong. Carries every problem found across all files, one per line, each naming the file
 * (and the field) it concerns, so an operator can fix them all in one pass instead of restarting once per typo.
 */
public final class CatalogException extends RuntimeException {

    private final List<String> problems;

    public CatalogException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a catalog exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems in file order, e.g.
     * {@code config/catalog/admin_penalty.yaml: field 'fine_amount': unknown type 'money' (expected one of ...)}.
     */
    public List<String> problems() {
        return problems;
    }
}
