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
 * fixed arrival rate (an open model: requests keep coming whatever the latency), over shared keep-alive connections.
 * Gatling does not cap a shared pool: when no connection is free it opens another, so a gateway that falls behind
 * sees its connections multiply (tens of thousands, to the driver's file limit). Every subject asked has records,
 * and the answer must show them.
 */
public final class PublicLookupLoad {

    public static final String REQUEST = "subject lookup";
    /** The same lookups while the gateway warms up: reported apart, and outside the assertions. */
    public static final String WARM_UP_REQUEST = "subject lookup (warm-up)";

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
        return users("the credit website looking subjects up", REQUEST);
    }

    private ScenarioBuilder users(String scenarioName, String requestName) {
        Iterator<Map<String, Object>> subjects = Stream.generate(() -> Map.<String, Object>of("code",
                seeded.code(ThreadLocalRandom.current().nextInt(seeded.size())))).iterator();
        return scenario(scenarioName)
                .feed(subjects)
                .exec(http(requestName).get("/v1/subjects/#{code}")
                        .header("Authorization", "Bearer " + key)
                        .check(status().is(200))
                        .check(substring("\"records\":[{").exists()));
    }

    /** {@code rate} lookups a second for {@code duration}, after a ramp of a tenth of it (at least a second). */
    public PopulationBuilder population(int rate, Duration duration, HttpProtocolBuilder protocol) {
        Duration ramp = Duration.ofSeconds(Math.max(1, duration.toSeconds() / 10));
        return users().injectOpen(rampUsersPerSec(Math.max(1, rate / 10)).to(rate).during(ramp),
                constantUsersPerSec(rate).during(duration))
                .protocols(protocol.shareConnections());
    }

    /**
     * A warm-up first, {@code warmUp} long, rising from a tenth of {@code rate} to all of it (the JIT compiles the
     * hot path, the cache fills with the subjects the website asks for, as in a gateway that has been running);
     * then {@code rate} lookups a second for {@code duration}, the part measured. Without the warm-up, a cold gateway
     * under an open arrival rate falls behind, and the load driver opens a connection per waiting request.
     */
    public PopulationBuilder warmedPopulation(int rate, Duration warmUp, Duration duration,
                                              HttpProtocolBuilder protocol) {
        HttpProtocolBuilder shared = protocol.shareConnections();
        PopulationBuilder warming = users("the credit website warming up", WARM_UP_REQUEST)
                .injectOpen(rampUsersPerSec(Math.max(1, rate / 10)).to(rate).during(warmUp)).protocols(shared);
        PopulationBuilder measured = users().injectOpen(constantUsersPerSec(rate).during(duration)).protocols(shared);
        return warming.andThen(measured);
    }

    public static List<Assertion> assertions(double maxErrorPercent, int p99Millis) {
        return RequestAssertions.of(REQUEST, maxErrorPercent, p99Millis);
    }
}
