package org.creditgate.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.creditgate.access.Role;
import org.creditgate.audit.AuditLogQueries;
import org.creditgate.config.GatewayConfig;
import org.creditgate.ops.QuotaRejections;

import static org.creditgate.http.Authentication.allow;

/**
 * Every route of the gateway, in one place, as readable handler chains:
 * request id → access log → (authentication) → body → role → handler, with one failure handler.
 * (Vert.x Web wants body handlers before user handlers on a route; authentication runs on its own mount
 * point first, so an unauthenticated body is never read.)
 * Everything under {@code /v1} and {@code /admin} is authenticated by construction; the few public
 * addresses are registered before that mount point.
 */
public final class Routes {

    private Routes() {
    }

    public static Router build(Vertx vertx, GatewayServices services) {
        Router router = Router.router(vertx);
        ProblemResponses problems = new ProblemResponses();
        BodyHandler jsonBody = BodyHandler.create(false).setBodyLimit(services.config().http().maxBodyBytes());

        GatewayConfig.Http http = services.config().http();
        router.route().handler(new RequestIds()).handler(new AccessLog())
                .handler(new RequestGuard(new JsonBodyReader(http.maxJsonDepth(), http.maxJsonStringChars())));

        // open to anyone: operations and the published contract and catalog
        HealthHandler health = new HealthHandler(services.pool());
        router.get("/health/live").handler(health::live);
        router.get("/health/ready").handler(health::ready);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(services.registry()));
        router.get("/openapi.yaml").handler(new StaticDocument("openapi.yaml", "application/yaml"));
        router.get("/v1/catalog").handler(new CatalogHandler(services.catalog()));
        DashboardPage.mount(router);

        // everything else under /v1 and /admin needs a key
        Authentication authentication = new Authentication(services.clients());
        QuotaRejections quotaRejections = new QuotaRejections(services.registry());
        RateLimiting rateLimiting = new RateLimiting(services.rateLimits(), quotaRejections);
        router.route("/v1/*").handler(authentication).handler(rateLimiting);
        router.route("/admin/*").handler(authentication).handler(rateLimiting);

        ClientsHandler clients = new ClientsHandler(services.clients(), services.catalog(),
                services.config().defaultQuota());
        router.post("/admin/clients").handler(jsonBody).handler(allow(Role.ADMIN)).handler(clients::create);
        router.get("/admin/clients").handler(allow(Role.ADMIN)).handler(clients::list);
        router.post("/admin/clients/:id/keys").handler(allow(Role.ADMIN)).handler(clients::rotateKey);

        SubmissionHandler submissions = new SubmissionHandler(services.catalog(), services.validators(),
                services.records(), services.collectionMetrics(), services.submissionLimits(),
                services.submissionSlots());
        // no body handler: the submission streams its body itself
        router.post("/v1/submissions/:category").handler(allow(Role.PROVIDER)).handler(submissions::submit);

        LookupHandler lookups = new LookupHandler(services.lookups(), services.dailyQuotas(), services.catalog(),
                services.config().disclosure().maxSubjects(), services.config().defaultQuota().subjectsPerDay(),
                quotaRejections, services.lookupAdmission());
        Role[] lookupRoles = {Role.GOVERNMENT, Role.AGENCY, Role.JUDICIAL, Role.PORTAL};
        router.post("/v1/lookups").handler(jsonBody).handler(allow(Role.PUBLIC, lookupRoles))
                .handler(lookups::lookup);
        QueryHistoryHandler history = new QueryHistoryHandler(services.queryHistory());
        router.get("/v1/subjects/:code/queries").handler(allow(Role.PORTAL, Role.ADMIN)).handler(history::list);
        router.get("/v1/subjects/:code").handler(allow(Role.PUBLIC, lookupRoles)).handler(lookups::subject);

        ConsentHandler consents = new ConsentHandler(services.consents(), services.catalog(), services.clock());
        router.post("/v1/authorizations").handler(jsonBody).handler(allow(Role.PORTAL, Role.ADMIN))
                .handler(consents::grant);
        router.delete("/v1/authorizations/:id").handler(allow(Role.PORTAL, Role.ADMIN)).handler(consents::revoke);
        router.post("/v1/objections").handler(jsonBody).handler(allow(Role.PORTAL, Role.ADMIN))
                .handler(consents::object);
        router.post("/v1/objections/:id/resolve").handler(jsonBody).handler(allow(Role.ADMIN))
                .handler(consents::resolve);

        AuditLogsHandler auditLogs = new AuditLogsHandler(new AuditLogQueries(services.pool()));
        router.get("/v1/audit/collections").handler(allow(Role.ADMIN)).handler(auditLogs::collections);
        router.get("/v1/audit/queries").handler(allow(Role.ADMIN)).handler(auditLogs::queries);
        ProviderStatsHandler providerStats = new ProviderStatsHandler(services.operatorStats().providers());
        router.get("/admin/stats/providers").handler(allow(Role.ADMIN)).handler(providerStats::list);
        OverviewHandler overview = new OverviewHandler(services.operatorStats().lookups());
        router.get("/admin/stats/overview").handler(allow(Role.ADMIN)).handler(overview::show);

        AuditHandler audit = new AuditHandler(services.chainAudit());
        router.get("/v1/audit/verify").handler(allow(Role.ADMIN)).handler(audit::verify);
        router.get("/v1/audit/checkpoints").handler(allow(Role.ADMIN)).handler(audit::checkpoints);

        router.route().failureHandler(problems);
        // statuses the router sets itself, before or outside any route (an undecodable path or query is its 400)
        for (int status : new int[]{400, 404, 405, 413, 414, 415, 431, 500}) {
            router.errorHandler(status, problems.forStatus(status));
        }
        return router;
    }
}
