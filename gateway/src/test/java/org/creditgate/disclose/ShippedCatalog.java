package org.creditgate.disclose;

import org.creditgate.catalog.Catalog;
import org.creditgate.catalog.CatalogLoader;
import org.creditgate.catalog.Category;

import java.nio.file.Path;

/** The catalog creditgate ships with ({@code config/catalog/}), loaded once for the disclosure tests. */
final class ShippedCatalog {

    static final Catalog CATALOG = CatalogLoader.load(
            Path.of(System.getProperty("creditgate.root", ".")).resolve("config/catalog"));

    private ShippedCatalog() {
    }

    static Category category(String id) {
        return CATALOG.category(id).orElseThrow(() -> new AssertionError("no shipped category " + id));
    }
}
