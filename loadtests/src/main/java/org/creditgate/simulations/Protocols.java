package org.creditgate.simulations;

import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.http.HttpDsl.http;

/** The HTTP settings every simulation shares. */
final class Protocols {

    private Protocols() {
    }

    /** HTTP/1.1 keep-alive to the gateway, JSON accepted; no caching or redirects, as an API client does. */
    static HttpProtocolBuilder gateway(Platform platform) {
        return http.baseUrl(platform.baseUrl())
                .acceptHeader("application/json")
                .disableCaching()
                .disableFollowRedirect()
                .userAgentHeader("creditgate-loadtests");
    }
}
