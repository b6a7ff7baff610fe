package org.creditgate.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.List;

/**
 * {@code creditgate_provider_light{provider}}: each provider's light as a number (0 green, 1 yellow, 2 red), so
 * alerts and dashboards can use it. Providers registered since the last report appear at the next one; every
 * instance exports the same figures (they come from the shared database), so queries take the max per provider.
 */
public final class ProviderLightGauge {

    private final MultiGauge lights;

    public ProviderLightGauge(MeterRegistry registry) {
        this.lights = MultiGauge.builder("creditgate.provider.light")
                .description("provider reporting light: 0 green, 1 yellow, 2 red")
                .register(registry);
    }

    void show(List<ProviderReport.Line> lines) {
        lights.register(lines.stream()
                .map(line -> {
                    int value = line.light().ordinal();
                    return MultiGauge.Row.of(Tags.of("provider", line.figures().provider()), () -> value);
                })
                .toList(), true);
    }
}
