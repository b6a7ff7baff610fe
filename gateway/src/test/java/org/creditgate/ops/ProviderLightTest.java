package org.creditgate.ops;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.ops.ProviderLight.Light.GREEN;
import static org.creditgate.ops.ProviderLight.Light.RED;
import static org.creditgate.ops.ProviderLight.Light.YELLOW;

@DisplayName("Provider lights: late or refused reporting turns yellow, then red")
class ProviderLightTest {

    private static final ProviderLight LIGHT = new ProviderLight(Duration.ofHours(72), Duration.ofHours(240), 0.05, 0.2);
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    @Test
    @DisplayName("on time with few refusals is green; never reported is red")
    void greenAndNever() {
        assertThat(LIGHT.of(NOW, Optional.of(NOW.minusSeconds(3600)), 1000, 10)).isEqualTo(GREEN);
        assertThat(LIGHT.of(NOW, Optional.empty(), 0, 0)).isEqualTo(RED);
    }

    @Test
    @DisplayName("silence: yellow from 72 hours, red from 240 hours (edges inclusive)")
    void lateness() {
        assertThat(LIGHT.of(NOW, Optional.of(NOW.minus(Duration.ofHours(72)).plusSeconds(1)), 10, 0)).isEqualTo(GREEN);
        assertThat(LIGHT.of(NOW, Optional.of(NOW.minus(Duration.ofHours(72))), 10, 0)).isEqualTo(YELLOW);
        assertThat(LIGHT.of(NOW, Optional.of(NOW.minus(Duration.ofHours(240)).plusSeconds(1)), 10, 0)).isEqualTo(YELLOW);
        assertThat(LIGHT.of(NOW, Optional.of(NOW.minus(Duration.ofHours(240))), 10, 0)).isEqualTo(RED);
    }

    @Test
    @DisplayName("refusals: yellow from 5% of the month's records, red from 20%")
    void rejection() {
        Optional<Instant> recent = Optional.of(NOW);
        assertThat(LIGHT.of(NOW, recent, 96, 4)).isEqualTo(GREEN);
        assertThat(LIGHT.of(NOW, recent, 95, 5)).isEqualTo(YELLOW);
        assertThat(LIGHT.of(NOW, recent, 81, 19)).isEqualTo(YELLOW);
        assertThat(LIGHT.of(NOW, recent, 80, 20)).isEqualTo(RED);
        assertThat(LIGHT.of(NOW, recent, 0, 0)).as("nothing this month yet").isEqualTo(GREEN);
    }
}
