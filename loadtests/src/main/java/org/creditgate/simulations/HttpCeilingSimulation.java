package org.creditgate.simulations;

import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static org.creditgate.simulations.LoadSettings.integer;

/**
 * The HTTP ceiling of the gateway with this driver on this machine: {@code GET /health/live} (no database, no
 * authentication) in a closed loop, each of {@code ceiling.connections} users on its own keep-alive connection with
 * one request in flight, like wrk. Lookups at a fixed rate are compared with it.
 *
 * <pre>
 * -Dseconds=60               length of the load
 * -Dceiling.connections=32   concurrent connections
 * </pre>
 */
public class HttpCeilingSimulation extends Simulation {

    public static final String REQUEST = "health live";

    public HttpCeilingSimulation() {
        Platform platform = Platform.fromSystemProperties();
        Duration duration = LoadSettings.duration();
        setUp(scenario("closed loop on /health/live")
                .during(duration).on(http(REQUEST).get("/health/live").check(status().is(200)))
                .injectOpen(atOnceUsers(integer("ceiling.connections", 32)))
                .protocols(Protocols.gateway(platform)))
                .assertions(details(REQUEST).failedRequests().percent().lte(LoadSettings.maxErrorPercent()));
    }
}
