package org.creditgate.ops;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.util.EnumSet;

/** The Prometheus registry and which Vert.x metrics feed it. */
public final class Metrics {

    private Metrics() {
    }

    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "creditgate");
        return registry;
    }

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
