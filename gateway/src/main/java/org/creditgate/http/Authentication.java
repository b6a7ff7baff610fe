package org.creditgate.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.access.Client;
import org.creditgate.access.ClientDirectory;
import org.creditgate.access.Role;

import java.util.EnumSet;
import java.util.Set;

/**
 * Bearer-key authentication, and the role check each route declares. Mounted once in {@link Routes} on every
 * {@code /v1} and {@code /admin} address, so a new route is protected by construction.
 */
public final class Authentication implements Handler<RoutingContext> {

    static final String CLIENT_KEY = "client";
    private static final String BEARER = "Bearer ";
    private static final int MAX_KEY_LENGTH = 512;

    private final ClientDirectory directory;

    public Authentication(ClientDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ctx.fail(ApiProblem.unauthenticated("Send the API key as 'Authorization: Bearer <key>'."));
            return;
        }
        String key = header.substring(BEARER.length()).trim();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            ctx.fail(ApiProblem.unauthenticated("The API key is not valid."));
            return;
        }
        // the key may need a database lookup: hold the body back until a body handler or streaming handler
        // downstream is ready for it (they resume the request themselves)
        ctx.request().pause();
        directory.authenticate(key).onComplete(result -> {
            if (result.failed()) {
                ctx.request().resume();
                ctx.fail(result.cause());
            } else if (result.result().isEmpty()) {
                ctx.request().resume();
                ctx.fail(ApiProblem.unauthenticated("The API key is not valid."));
            } else {
                ctx.put(CLIENT_KEY, result.result().get());
                ctx.next();
            }
        });
    }

    /** The authenticated client of this request; only called behind {@link Authentication}. */
    public static Client client(RoutingContext ctx) {
        Client client = ctx.get(CLIENT_KEY);
        if (client == null) {
            throw new IllegalStateException("route is not behind authentication");
        }
        return client;
    }

    /** Lets the request on only when its client has one of these roles. */
    public static Handler<RoutingContext> allow(Role first, Role... more) {
        Set<Role> roles = EnumSet.of(first, more);
        return ctx -> {
            if (roles.contains(client(ctx).role())) {
                ctx.next();
            } else {
                ctx.fail(ApiProblem.forbidden("A " + client(ctx).role().wireName()
                        + " client may not call this address."));
            }
        };
    }
}
