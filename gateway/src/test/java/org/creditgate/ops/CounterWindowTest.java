package org.creditgate.ops;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Counter growth over a sliding window")
class CounterWindowTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    @DisplayName("before the window is full, the growth is measured from the first sample")
    void fromTheFirstSample() {
        CounterWindow window = new CounterWindow(60 * SECOND);
        window.sample(0, 0, 0);
        window.sample(5 * SECOND, 10, 100);
        CounterWindow.Growth growth = window.growthUntil(8 * SECOND, 16, 160);
        assertThat(growth.seconds()).isEqualTo(8.0);
        assertThat(growth.values()).containsExactly(16, 160);
        assertThat(growth.perSecond(0)).isEqualTo(2.0);
    }

    @Test
    @DisplayName("old samples drop out, keeping one at or before the window's start")
    void slides() {
        CounterWindow window = new CounterWindow(60 * SECOND);
        for (int t = 0; t <= 100; t += 5) {
            window.sample(t * SECOND, t);
        }
        // now = 102 s: the base is the newest sample at or before 42 s, which is 40 s
        CounterWindow.Growth growth = window.growthUntil(102 * SECOND, 102);
        assertThat(growth.seconds()).isEqualTo(62.0);
        assertThat(growth.values()).containsExactly(62);
    }

    @Test
    @DisplayName("no sample yet: no growth over no time, and no division by zero")
    void empty() {
        CounterWindow.Growth growth = new CounterWindow(SECOND).growthUntil(5, 7);
        assertThat(growth.seconds()).isZero();
        assertThat(growth.perSecond(0)).isZero();
    }

    @Test
    @DisplayName("a counter that went backwards (a restart's reset) counts as no growth")
    void neverNegative() {
        CounterWindow window = new CounterWindow(60 * SECOND);
        window.sample(0, 50);
        assertThat(window.growthUntil(SECOND, 10).values()).containsExactly(0);
    }

    @Test
    @DisplayName("the window must be positive")
    void positive() {
        assertThatThrownBy(() -> new CounterWindow(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
