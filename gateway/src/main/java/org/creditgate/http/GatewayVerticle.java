package org.creditgate.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.creditgate.config.GatewayConfig;

/** One HTTP server instance on one event loop; the gateway deploys one per core, all sharing the port. */
public final class GatewayVerticle extends VerticleBase {

    private final GatewayServices services;
    private final int port;
    private HttpServer server;

    public GatewayVerticle(GatewayServices services, int port) {
        this.services = services;
        this.port = port;
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
                .setCompressionSupported(false);
        server = vertx.createHttpServer(options).requestHandler(Routes.build(vertx, services));
        return server.listen();
    }

    public int actualPort() {
        return server.actualPort();
    }
}
