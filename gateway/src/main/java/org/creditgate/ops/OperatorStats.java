package org.creditgate.ops;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** What the operator endpoints and page read: the providers' report and this instance's lookup rates. */
public record OperatorStats(ProviderReport providers, LookupRates lookups) {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorStats.class);
    /** The light gauge is refreshed this often even when nobody reads the report. */
    public static final Duration LIGHTS_EVERY = Duration.ofSeconds(30);

    /** Samples the lookup counters and refreshes the light gauge on timers that end with {@code vertx}. */
    public void startRefreshing(Vertx vertx) {
        startRefreshing(vertx, LIGHTS_EVERY);
    }

    void startRefreshing(Vertx vertx, Duration lightsEvery) {
        vertx.setPeriodic(LookupRates.SAMPLE_EVERY.toMillis(), id -> lookups.sample());
        vertx.setPeriodic(Math.min(1_000, lightsEvery.toMillis()), lightsEvery.toMillis(), id -> providers.current()
                // the gauge keeps its last values while the database is away; readiness reports the outage
                .onFailure(failure -> LOG.debug("provider lights not refreshed: {}", failure.toString())));
    }
}
