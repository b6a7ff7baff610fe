package org.creditgate.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import org.creditgate.config.GatewayConfig;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP server (and the HTTPS one, when enabled) of one event loop; the gateway deploys one per core, all
 * sharing the ports.
 */
public final class GatewayVerticle extends VerticleBase {

    private final GatewayServices services;
    private final int port;
    private final int tlsPort;
    private HttpServer server;
    private HttpServer secureServer;

    /** @param tlsPort the HTTPS port, used when TLS is enabled */
    public GatewayVerticle(GatewayServices services, int port, int tlsPort) {
        this.services = services;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    @Override
    public Future<?> start() {
        GatewayConfig.Http http = services.config().http();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(http.host())
                .setPort(port)
                .setMaxHeaderSize(http.maxHeaderBytes())
                .setIdleTimeout(http.idleTimeoutSeconds())
                .setTcpNoDelay(true)
                // providers' tools (curl among them) ask before sending a large body
                .setHandle100ContinueAutomatically(true)
                .setCompressionSupported(false)
                // HTTP/1.1 only: with cleartext HTTP/2 detection on, a connection exists (and its header deadline
                // runs) only once its first bytes arrive, so a silent connection would be held until the idle timeout
                .setHttp2ClearTextEnabled(false);
        Router router = Routes.build(vertx, services);
        SlowClientGuard slowClients = new SlowClientGuard(vertx, http.headerTimeoutSeconds(),
                http.idleTimeoutSeconds());
        Handler<HttpServerRequest> requests = request -> {
            slowClients.requestArrived(request);
            router.handle(request);
        };
        InvalidRequests invalid = new InvalidRequests();
        server = vertx.createHttpServer(options).connectionHandler(slowClients::opened)
                .invalidRequestHandler(invalid).requestHandler(requests);
        GatewayConfig.Tls tls = services.config().tls();
        if (!tls.enabled()) {
            return server.listen();
        }
        HttpServerOptions secure = new HttpServerOptions(options)
                .setPort(tlsPort)
                .setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(tls.keystore().orElseThrow().toString())
                        .setPassword(tls.keystorePassword()));
        tls.clientTruststore().ifPresent(truststore -> secure
                .setTrustOptions(new PfxOptions().setPath(truststore.toString())
                        .setPassword(tls.clientTruststorePassword()))
                .setClientAuth(ClientAuth.REQUIRED));
        secureServer = vertx.createHttpServer(secure).connectionHandler(slowClients::opened)
                .invalidRequestHandler(invalid).requestHandler(requests);
        return server.listen().compose(plain -> secureServer.listen());
    }

    /**
     * Graceful stop (undeploying, as Vert.x does when the gateway closes): the servers stop accepting at once,
     * idle connections close, and requests in flight have the grace period to finish before their connections are
     * closed. A submission cut at that point is not answered, so it is not acknowledged.
     */
    @Override
    public Future<?> stop() {
        long grace = services.config().http().shutdownGraceSeconds();
        Future<Void> plain = server == null ? Future.succeededFuture() : server.shutdown(grace, TimeUnit.SECONDS);
        Future<Void> secure = secureServer == null ? Future.succeededFuture()
                : secureServer.shutdown(grace, TimeUnit.SECONDS);
        return Future.join(plain, secure);
    }

    public int actualPort() {
        return server.actualPort();
    }
}
