package org.creditgate.access;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Token bucket: bursts up to the rate, then refills continuously")
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    @DisplayName("a full bucket lets `rate` requests through at once, then refuses with Retry-After")
    void burstThenRefuse() {
        TokenBucket bucket = new TokenBucket(3, 0);
        assertThat(bucket.take(0).remaining()).isEqualTo(2);
        assertThat(bucket.take(0).remaining()).isEqualTo(1);
        TokenBucket.Decision last = bucket.take(0);
        assertThat(last.allowed()).isTrue();
        assertThat(last.remaining()).isZero();
        assertThat(last.resetAfter()).isEqualTo(1);
        TokenBucket.Decision refused = bucket.take(0);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(1);
        assertThat(refused.limit()).isEqualTo(3);
    }

    @Test
    @DisplayName("tokens come back in proportion to the time passed, never beyond the rate")
    void refillsContinuously() {
        TokenBucket bucket = new TokenBucket(10, 0);
        for (int i = 0; i < 10; i++) {
            bucket.take(0);
        }
        assertThat(bucket.take(0).allowed()).isFalse();
        assertThat(bucket.take(SECOND / 10).allowed()).as("one token after 100 ms").isTrue();
        assertThat(bucket.take(SECOND / 10).allowed()).isFalse();
        assertThat(bucket.take(100 * SECOND).remaining()).as("capped at the rate").isEqualTo(9);
    }
}
