package org.creditgate.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.DoubleStream;

/** The Prometheus registry and which Vert.x metrics feed it. */
public final class Metrics {

    private Metrics() {
    }

    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "creditgate").meterFilter(LATENCY_BUCKETS);
        return registry;
    }

    /**
     * Latency timers also export fixed histogram buckets, so percentiles can be computed across instances
     * ({@code histogram_quantile} over the summed buckets); client-side percentiles cannot be aggregated.
     */
    private static final Set<String> BUCKETED = Set.of("vertx.http.server.response.time", "creditgate.querylog.write",
            "creditgate.collection.batch.write");
    private static final double[] BUCKETS_NANOS = DoubleStream.of(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
            0.25, 0.5, 1, 2.5, 5, 10).map(seconds -> seconds * 1e9).toArray();
    private static final MeterFilter LATENCY_BUCKETS = new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            if (!BUCKETED.contains(id.getName())) {
                return config;
            }
            return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS_NANOS).build().merge(config);
        }
    };

    /**
     * HTTP metrics are labelled by route template, method and status, never by path: a path can hold a subject's
     * ID number, and paths would make the label set unbounded.
     */
    public static VertxOptions instrument(VertxOptions options) {
        return options.setMetricsOptions(new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE,
                        Label.POOL_TYPE, Label.POOL_NAME)));
    }
}
