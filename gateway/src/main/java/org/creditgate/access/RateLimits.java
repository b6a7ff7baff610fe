package org.creditgate.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Each client's requests per second, per gateway instance. Buckets of clients that went quiet are dropped (a
 * new bucket starts full, which is what a quiet client's bucket would be anyway).
 */
public final class RateLimits {

    private final int defaultRate;
    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    public RateLimits(int defaultRate, LongSupplier nanoTime) {
        this.defaultRate = defaultRate;
        this.nanoTime = nanoTime;
    }

    public TokenBucket.Decision take(Client client) {
        int rate = client.requestsPerSecond().orElse(defaultRate);
        long now = nanoTime.getAsLong();
        TokenBucket bucket = buckets.get(client.id(), id -> new TokenBucket(rate, now));
        if (bucket.rate() != rate) {
            // the operator changed the client's rate: start over at the new one
            bucket = new TokenBucket(rate, now);
            buckets.put(client.id(), bucket);
        }
        return bucket.take(now);
    }
}
