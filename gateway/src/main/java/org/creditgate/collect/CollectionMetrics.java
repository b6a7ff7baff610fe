package org.creditgate.collect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Records received, accepted and rejected by provider, category and error code; batch sizes; write latency. */
public final class CollectionMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary batchSizes;
    private final DistributionSummary versionsWritten;
    private final Timer writeLatency;

    public CollectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSizes = DistributionSummary.builder("creditgate.collection.batch.records")
                .description("records per write batch").register(registry);
        this.versionsWritten = DistributionSummary.builder("creditgate.collection.batch.versions")
                .description("new record versions per write batch").register(registry);
        this.writeLatency = Timer.builder("creditgate.collection.batch.write")
                .description("time to write and commit one batch").publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void batchWritten(int records, int versions, long nanos) {
        batchSizes.record(records);
        versionsWritten.record(versions);
        writeLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts one finished submission; called once per submission, not per record. */
    void submissionFinished(String provider, String category, long received, long accepted,
                            Map<ErrorCode, Long> rejectedByCode, boolean complete) {
        counter("creditgate.collection.records", provider, category, "received", "none").increment(received);
        counter("creditgate.collection.records", provider, category, "accepted", "none").increment(accepted);
        for (Map.Entry<ErrorCode, Long> rejected : rejectedByCode.entrySet()) {
            counter("creditgate.collection.records", provider, category, "rejected", rejected.getKey().name())
                    .increment(rejected.getValue());
        }
        Counter.builder("creditgate.collection.submissions")
                .description("submissions by provider, category and outcome")
                .tag("provider", provider).tag("category", category)
                .tag("outcome", complete ? "complete" : "interrupted")
                .register(registry).increment();
    }

    private Counter counter(String name, String provider, String category, String outcome, String code) {
        return Counter.builder(name)
                .description("records by provider, category, outcome and error code")
                .tag("provider", provider).tag("category", category).tag("outcome", outcome).tag("code", code)
                .register(registry);
    }
}
