package org.creditgate.simulations;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import org.creditgate.bench.SubjectPopulation;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The credit website: single-subject lookups ({@code GET /v1/subjects/{code}}) as the {@code public} client, at a
 * fixed arrival rate (an open model: requests keep coming whatever the latency), over the website's shared pool of
 * keep-alive connections (at most {@link #WEBSITE_CONNECTIONS}). Every subject asked has records, and the answer
 * must show them.
 */
public final class PublicLookupLoad {

    public static final String REQUEST = "subject lookup";
    /** The website's connection pool: bounded, as a web server's is, so a slow gateway queues requests. */
    static final int WEBSITE_CONNECTIONS = 64;

    private final String key;
    private final SubjectPopulation seeded;

    private PublicLookupLoad(String key, SubjectPopulation seeded) {
        this.key = key;
        this.seeded = seeded;
    }

    public static PublicLookupLoad prepare(Platform platform, SubjectPopulation seeded) {
        return new PublicLookupLoad(platform.lookupClient("website", "public"), seeded);
    }

    public ScenarioBuilder users() {
        Iterator<Map<String, Object>> subjects = Stream.generate(() -> Map.<String, Object>of("code",
                seeded.code(ThreadLocalRandom.current().nextInt(seeded.size())))).iterator();
        return scenario("the credit website looking subjects up")
                .feed(subjects)
                .exec(http(REQUEST).get("/v1/subjects/#{code}")
                        .header("Authorization", "Bearer " + key)
                        .check(status().is(200))
                        .check(substring("\"records\":[{").exists()));
    }

    /** {@code rate} lookups a second for {@code duration}, after a ramp of a tenth of it (at least a second). */
    public PopulationBuilder population(int rate, Duration duration, HttpProtocolBuilder protocol) {
        Duration ramp = Duration.ofSeconds(Math.max(1, duration.toSeconds() / 10));
        return users().injectOpen(rampUsersPerSec(Math.max(1, rate / 10)).to(rate).during(ramp),
                constantUsersPerSec(rate).during(duration))
                .protocols(protocol.shareConnections().maxConnectionsPerHost(WEBSITE_CONNECTIONS));
    }

    public static List<Assertion> assertions(double maxErrorPercent, int p99Millis) {
        return RequestAssertions.of(REQUEST, maxErrorPercent, p99Millis);
    }
}
