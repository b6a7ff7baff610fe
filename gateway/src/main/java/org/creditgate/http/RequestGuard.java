package org.creditgate.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * First checks on every request, before any handler reads it: no NUL character anywhere in the target (encoded or
 * not; it cannot be stored and has no business in an address), and the JSON limits for handlers that read a body.
 */
public final class RequestGuard implements Handler<RoutingContext> {

    static final String JSON_READER_KEY = "creditgate.jsonReader";

    private final JsonBodyReader jsonReader;

    public RequestGuard(JsonBodyReader jsonReader) {
        this.jsonReader = jsonReader;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri != null && (uri.indexOf('\0') >= 0 || containsEncodedNul(uri))) {
            ctx.fail(ApiProblem.badRequest("The request target must not contain NUL characters."));
            return;
        }
        ctx.put(JSON_READER_KEY, jsonReader);
        ctx.next();
    }

    private static boolean containsEncodedNul(String uri) {
        for (int i = uri.indexOf('%'); i >= 0 && i + 2 < uri.length(); i = uri.indexOf('%', i + 1)) {
            if (uri.charAt(i + 1) == '0' && uri.charAt(i + 2) == '0') {
                return true;
            }
        }
        return false;
    }
}
