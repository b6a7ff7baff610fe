package org.creditgate.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves a document bundled in the jar (the OpenAPI description), read once at start. */
public final class StaticDocument implements Handler<RoutingContext> {

    private final Buffer content;
    private final String contentType;

    public StaticDocument(String resource, String contentType) {
        try (InputStream in = StaticDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            this.content = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.contentType = contentType;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", contentType).end(content);
    }
}
