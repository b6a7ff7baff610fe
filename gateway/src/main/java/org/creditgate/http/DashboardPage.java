package org.creditgate.http;

import io.vertx.ext.web.Router;

/**
 * The operator page at {@code /dashboard/}: plain files from the jar, held in memory. It needs no key to load; the
 * data it shows comes from the {@code /admin} routes with the key the operator types in, which the page keeps in
 * the browser session only. The policy allows scripts and styles from the gateway itself and nothing inline.
 */
final class DashboardPage {

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private DashboardPage() {
    }

    static void mount(Router router) {
        router.route("/dashboard*").handler(ctx -> {
            ctx.response()
                    .putHeader("Content-Security-Policy", POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-cache");
            ctx.next();
        });
        // Vert.x Web matches a path with or without its trailing slash; relative links need the slash, so add it
        StaticDocument index = new StaticDocument("dashboard/index.html", "text/html; charset=utf-8");
        router.get("/dashboard").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                index.handle(ctx);
            } else {
                ctx.redirect("/dashboard/");
            }
        });
        router.get("/dashboard/dashboard.js")
                .handler(new StaticDocument("dashboard/dashboard.js", "text/javascript; charset=utf-8"));
        router.get("/dashboard/dashboard.css")
                .handler(new StaticDocument("dashboard/dashboard.css", "text/css; charset=utf-8"));
        router.get("/dashboard/favicon.svg").handler(new StaticDocument("dashboard/favicon.svg", "image/svg+xml"));
    }
}
