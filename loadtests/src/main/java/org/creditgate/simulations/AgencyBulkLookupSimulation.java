package org.creditgate.simulations;

import io.gatling.javaapi.core.Simulation;
import org.creditgate.bench.SubjectPopulation;

import static org.creditgate.simulations.LoadSettings.integer;

/**
 * Agencies posting 1000-subject lookups with a reason: 80% of each lookup from a hot set of seeded subjects (cache
 * hits), 20% a long tail of codes never asked before (cache misses); some hot subjects authorized the agencies.
 *
 * <pre>
 * -Dseconds=60                 length of the load
 * -Dagency.agencies=3          agencies
 * -Dagency.concurrency=6       lookups in flight at all times
 * -Dagency.subjects=20000      subjects seeded (1 to 3 records each) before the load
 * -Dagency.hot=5000            the hot set: the first seeded subjects
 * -Dagency.hot.percent=80      share of each lookup drawn from the hot set
 * -Dagency.batch=1000          subjects per lookup
 * -Dagency.p99.ms=5000         the run fails when the 99th percentile of lookups takes longer
 * -Dmax.error.percent=1        ... or when more lookups fail
 * </pre>
 */
public class AgencyBulkLookupSimulation extends Simulation {

    public AgencyBulkLookupSimulation() {
        Platform platform = Platform.fromSystemProperties();
        SubjectPopulation seeded = platform.seed(integer("agency.subjects", 20_000));
        BulkLookupLoad agencies = BulkLookupLoad.prepare(platform, seeded, integer("agency.agencies", 3),
                integer("agency.hot", 5000), integer("agency.batch", 1000),
                LoadSettings.decimal("agency.hot.percent", 80) / 100);
        setUp(agencies.population(integer("agency.concurrency", 6), LoadSettings.duration(),
                Protocols.gateway(platform)))
                .assertions(BulkLookupLoad.assertions(LoadSettings.maxErrorPercent(),
                        integer("agency.p99.ms", 5000)));
    }
}
