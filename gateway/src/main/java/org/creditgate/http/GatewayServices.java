package org.creditgate.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;
import org.creditgate.access.ClientDirectory;
import org.creditgate.catalog.Catalog;
import org.creditgate.collect.CollectionMetrics;
import org.creditgate.collect.RecordStore;
import org.creditgate.collect.SubmissionLimits;
import org.creditgate.config.GatewayConfig;

/** What the HTTP verticles share: one of each per gateway process, thread-safe. */
public record GatewayServices(GatewayConfig config, Catalog catalog, Pool pool, PrometheusMeterRegistry registry,
                              ClientDirectory clients, RecordStore records, CollectionMetrics collectionMetrics) {

    public SubmissionLimits submissionLimits() {
        GatewayConfig.Submissions submissions = config.submissions();
        return new SubmissionLimits(submissions.batchSize(), submissions.maxErrorsListed(),
                submissions.maxLineBytes());
    }
}
