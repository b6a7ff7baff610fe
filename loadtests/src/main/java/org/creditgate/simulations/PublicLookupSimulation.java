package org.creditgate.simulations;

import io.gatling.javaapi.core.Simulation;
import org.creditgate.bench.SubjectPopulation;

import java.time.Duration;

import static org.creditgate.simulations.LoadSettings.integer;

/**
 * The credit website: single-subject lookups as the public client at a fixed rate.
 *
 * <pre>
 * -Dseconds=60               length of the measured load at full rate
 * -Dpublic.warmup.seconds=20 before it, the warm-up: the rate rising from a tenth to all of it (reported apart)
 * -Dpublic.rate=5000         lookups a second
 * -Dpublic.subjects=20000    subjects seeded before the load, each asked at random
 * -Dpublic.p99.ms=50         the run fails when the 99th percentile of lookups takes longer
 * -Dmax.error.percent=1      ... or when more lookups fail
 * </pre>
 */
public class PublicLookupSimulation extends Simulation {

    public PublicLookupSimulation() {
        Platform platform = Platform.fromSystemProperties();
        SubjectPopulation seeded = platform.seed(integer("public.subjects", 20_000));
        PublicLookupLoad website = PublicLookupLoad.prepare(platform, seeded);
        setUp(website.warmedPopulation(integer("public.rate", 5000),
                Duration.ofSeconds(integer("public.warmup.seconds", 20)), LoadSettings.duration(),
                Protocols.gateway(platform)))
                .assertions(PublicLookupLoad.assertions(LoadSettings.maxErrorPercent(), integer("public.p99.ms", 50)));
    }
}
