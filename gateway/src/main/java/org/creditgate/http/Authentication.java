package org.creditgate.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.access.Client;
import org.creditgate.access.ClientDirectory;
import org.creditgate.access.Role;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication by bearer key, or by client certificate on the mTLS listener, and the role check each route
 * declares. Mounted once in {@link Routes} on every
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
        if (header == null && ctx.request().isSSL()) {
            Optional<String> certified = certifiedClientId(ctx);
            if (certified.isPresent()) {
                resolve(ctx, directory.byId(certified.get()), "No client matches this certificate's subject.");
                return;
            }
        }
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
        resolve(ctx, directory.authenticate(key), "The API key is not valid.");
    }

    private static void resolve(RoutingContext ctx, Future<Optional<Client>> lookup, String unknown) {
        // the client may need a database lookup: hold the body back until a body handler or streaming handler
        // downstream is ready for it (they resume the request themselves)
        ctx.request().pause();
        lookup.onComplete(result -> {
            if (result.failed()) {
                ctx.request().resume();
                ctx.fail(result.cause());
            } else if (result.result().isEmpty()) {
                ctx.request().resume();
                ctx.fail(ApiProblem.unauthenticated(unknown));
            } else {
                ctx.put(CLIENT_KEY, result.result().get());
                ctx.next();
            }
        });
    }

    /**
     * With mTLS the listener has already verified the certificate against the configured authorities; its subject's
     * CN names the client.
     */
    private static Optional<String> certifiedClientId(RoutingContext ctx) {
        try {
            List<Certificate> chain = ctx.request().connection().peerCertificates();
            if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate certificate)) {
                return Optional.empty();
            }
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
            return Optional.empty();
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return Optional.empty();
        }
    }

    /** The authenticated client of this request; only called behind {@link Authentication}. */
    public static Client client(RoutingContext ctx) {
        Client client = ctx.get(CLIENT_KEY);
        if (client == null) {
            throw new IllegalStateException("route is not behind authentication");
        }
        return client;
    }

    /** Lets the request on only when its client has one of these roles; either way its route is the one logged. */
    public static Handler<RoutingContext> allow(Role first, Role... more) {
        Set<Role> roles = EnumSet.of(first, more);
        return ctx -> {
            AccessLog.routeMatched(ctx);
            if (roles.contains(client(ctx).role())) {
                ctx.next();
            } else {
                ctx.fail(ApiProblem.forbidden("A " + client(ctx).role().wireName()
                        + " client may not call this address."));
            }
        };
    }
}
