package org.creditgate.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import org.creditgate.config.GatewayConfig;

/**
 * The HTTP server (and the HTTPS one, when enabled) of one event loop; the gateway deploys one per core, all
 * sharing the ports.
 */
public final class GatewayVerticle extends VerticleBase {

    private final GatewayServices services;
    private final int port;
    private final int tlsPort;
    private HttpServer server;

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
                .setCompressionSupported(false);
        Router router = Routes.build(vertx, services);
        server = vertx.createHttpServer(options).requestHandler(router);
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
        return server.listen().compose(plain -> vertx.createHttpServer(secure).requestHandler(router).listen());
    }

    public int actualPort() {
        return server.actualPort();
    }
}
