package org.creditgate.access;

/**
 * A token bucket that refills continuously: {@code rate} tokens a second, holding at most one second's worth, so
 * a client may burst up to its rate and is then held to it. Time is passed in (nanoseconds), so the arithmetic is
 * testable without a clock.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final int rate;
    private double tokens;
    private long lastRefill;

    public TokenBucket(int rate, long now) {
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be at least 1");
        }
        this.rate = rate;
        this.tokens = rate;
        this.lastRefill = now;
    }

    /** Takes one token if there is one. */
    public synchronized Decision take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return new Decision(true, rate, (int) Math.floor(tokens), secondsUntil(rate, now), 0);
        }
        return new Decision(false, rate, 0, secondsUntil(rate, now), secondsUntil(1, now));
    }

    public int rate() {
        return rate;
    }

    private void refill(long now) {
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(rate, tokens + elapsed * rate / NANOS_PER_SECOND);
            lastRefill = now;
        }
    }

    /** Whole seconds until the bucket holds {@code wanted} tokens (at least 1 while it does not). */
    private long secondsUntil(double wanted, long now) {
        if (tokens >= wanted) {
            return 0;
        }
        return (long) Math.max(1, Math.ceil((wanted - tokens) / rate));
    }

    /**
     * @param limit      the rate (RateLimit-Limit)
     * @param remaining  whole tokens left (RateLimit-Remaining)
     * @param resetAfter seconds until the bucket is full again (RateLimit-Reset)
     * @param retryAfter seconds until a refused request could pass (Retry-After), 0 when allowed
     */
    public record Decision(boolean allowed, int limit, int remaining, long resetAfter, long retryAfter) {
    }
}
