package org.creditgate.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The provider light gauge refreshes itself while nobody reads the report")
class ProviderLightRefreshTest {

    @Test
    @DisplayName("a provider registered after the start appears in the gauge at the next refresh")
    void refreshesOnATimer() throws InterruptedException {
        try (RunningGateway gateway = RunningGateway.start()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ProviderLight light = new ProviderLight(Duration.ofHours(24), Duration.ofHours(72), 0.05, 0.2);
            OperatorStats stats = new OperatorStats(new ProviderReport(new ProviderStatsQueries(gateway.pool()), light,
                    new ProviderLightGauge(registry), Clock.systemUTC()), new LookupRates(registry, System::nanoTime));
            stats.startRefreshing(gateway.vertx(), Duration.ofMillis(100));
            gateway.createClient(new JsonObject().put("id", "late-provider").put("name", "后注册的提供方")
                    .put("role", "provider").put("categories", new JsonArray().add("admin_penalty")));

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Gauge gauge = null;
            while (gauge == null && System.nanoTime() < deadline) {
                gauge = registry.find("creditgate.provider.light").tag("provider", "late-provider").gauge();
                Thread.sleep(50);
            }
            assertThat(gauge).as("the gauge of late-provider").isNotNull();
            // it never submitted: red
            assertThat(gauge.value()).isEqualTo(2.0);
        }
    }
}
