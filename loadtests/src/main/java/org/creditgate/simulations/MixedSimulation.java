package org.creditgate.simulations;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import org.creditgate.bench.SubjectPopulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.creditgate.simulations.LoadSettings.integer;

/**
 * A working day of the platform, all at once: providers streaming submissions, agencies looking up in bulk, and
 * the credit website's single-subject lookups, against one seeded population (the providers' new records touch
 * some of the subjects being looked up, so caches are invalidated while they are read).
 *
 * <pre>
 * -Dseconds=60                            length of the load
 * -Dmixed.providers=2                     submissions in flight (1,000 to 10,000 records each)
 * -Dmixed.agency.concurrency=2            bulk lookups in flight (1000 subjects, 80% hot)
 * -Dmixed.public.rate=1000                single-subject lookups a second
 * -Dmixed.subjects=20000                  subjects seeded before the load
 * -Dingest.p99.ms, -Dagency.p99.ms, -Dpublic.p99.ms, -Dmax.error.percent   as in the single simulations
 * </pre>
 */
public class MixedSimulation extends Simulation {

    public MixedSimulation() {
        Platform platform = Platform.fromSystemProperties();
        Duration duration = LoadSettings.duration();
        SubjectPopulation seeded = platform.seed(integer("mixed.subjects", 20_000));
        int providers = integer("mixed.providers", 2);
        IngestLoad ingest = IngestLoad.prepare(platform, providers, integer("ingest.min.records", 1000),
                integer("ingest.max.records", 10_000));
        BulkLookupLoad agencies = BulkLookupLoad.prepare(platform, seeded, 2,
                Math.min(seeded.size(), integer("agency.hot", 5000)), integer("agency.batch", 1000), 0.8);
        PublicLookupLoad website = PublicLookupLoad.prepare(platform, seeded);

        HttpProtocolBuilder protocol = Protocols.gateway(platform);
        List<Assertion> assertions = new ArrayList<>();
        double errors = LoadSettings.maxErrorPercent();
        assertions.addAll(IngestLoad.assertions(errors, integer("ingest.p99.ms", 30_000)));
        assertions.addAll(BulkLookupLoad.assertions(errors, integer("agency.p99.ms", 5000)));
        assertions.addAll(PublicLookupLoad.assertions(errors, integer("public.p99.ms", 50)));
        setUp(ingest.population(providers, duration, protocol),
                agencies.population(integer("mixed.agency.concurrency", 2), duration, protocol),
                website.population(integer("mixed.public.rate", 1000), duration, protocol))
                .assertions(assertions);
    }
}
