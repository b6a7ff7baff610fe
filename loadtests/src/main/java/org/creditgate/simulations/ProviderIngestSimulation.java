package org.creditgate.simulations;

import io.gatling.javaapi.core.Simulation;

import static org.creditgate.simulations.LoadSettings.integer;

/**
 * Several providers streaming NDJSON submissions of 1,000 to 10,000 records (2% of them invalid) at once.
 *
 * <pre>
 * -Dseconds=60               length of the load
 * -Dingest.providers=4       providers, and submissions in flight at all times
 * -Dingest.min.records=1000  -Dingest.max.records=10000   size of each submission
 * -Dingest.p99.ms=30000      the run fails when the 99th percentile of submissions takes longer
 * -Dmax.error.percent=1      ... or when more submissions fail (wrong status or counts)
 * </pre>
 */
public class ProviderIngestSimulation extends Simulation {

    public ProviderIngestSimulation() {
        Platform platform = Platform.fromSystemProperties();
        int providers = integer("ingest.providers", 4);
        IngestLoad ingest = IngestLoad.prepare(platform, providers, integer("ingest.min.records", 1000),
                integer("ingest.max.records", 10_000));
        setUp(ingest.population(providers, LoadSettings.duration(), Protocols.gateway(platform)))
                .assertions(IngestLoad.assertions(LoadSettings.maxErrorPercent(), integer("ingest.p99.ms", 30_000)));
    }
}
