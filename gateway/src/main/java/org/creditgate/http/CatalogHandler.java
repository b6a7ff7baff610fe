package org.creditgate.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.catalog.Catalog;
import org.creditgate.catalog.CatalogView;

/** {@code GET /v1/catalog}: the published catalog, rendered once at start (it cannot change while running). */
public final class CatalogHandler implements Handler<RoutingContext> {

    private final Buffer rendered;

    public CatalogHandler(Catalog catalog) {
        this.rendered = Json.encodeToBuffer(CatalogView.of(catalog));
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "public, max-age=300")
                .end(rendered);
    }
}
