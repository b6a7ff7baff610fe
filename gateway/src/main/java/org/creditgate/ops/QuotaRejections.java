package org.creditgate.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.creditgate.access.Role;

/** {@code creditgate_quota_rejections_total{limit, role}}: requests refused by a rate limit or a daily quota. */
public final class QuotaRejections {

    public static final String REQUESTS_PER_SECOND = "requests_per_second";
    public static final String SUBJECTS_PER_DAY = "subjects_per_day";

    private final MeterRegistry registry;

    public QuotaRejections(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param limit {@link #REQUESTS_PER_SECOND} or {@link #SUBJECTS_PER_DAY} */
    public void refused(String limit, Role role) {
        Counter.builder("creditgate.quota.rejections")
                .description("requests refused with QUOTA_EXCEEDED, by limit and role")
                .tag("limit", limit).tag("role", role.wireName())
                .register(registry).increment();
    }
}
