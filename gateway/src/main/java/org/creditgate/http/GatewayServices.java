package org.creditgate.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.Map;
import org.creditgate.access.ClientDirectory;
import org.creditgate.access.DailyQuotas;
import org.creditgate.access.RateLimits;
import org.creditgate.catalog.Catalog;
import org.creditgate.collect.CollectionMetrics;
import org.creditgate.collect.RecordStore;
import org.creditgate.collect.RecordValidator;
import org.creditgate.audit.ChainAudit;
import org.creditgate.audit.QueryHistoryQueries;
import org.creditgate.disclose.ConsentQueries;
import org.creditgate.disclose.LookupService;
import org.creditgate.collect.SubmissionLimits;
import org.creditgate.config.GatewayConfig;
import org.creditgate.ops.OperatorStats;

/** What the HTTP verticles share: one of each per gateway process, thread-safe. */
public record GatewayServices(GatewayConfig config, Catalog catalog, Pool pool, PrometheusMeterRegistry registry,
                              ClientDirectory clients, RecordStore records, CollectionMetrics collectionMetrics,
                              Map<String, RecordValidator> validators, LookupService lookups,
                              ConsentQueries consents, QueryHistoryQueries queryHistory, Clock clock,
                              RateLimits rateLimits, DailyQuotas dailyQuotas, OperatorStats operatorStats,
                              ChainAudit chainAudit, SubmissionSlots submissionSlots,
                              LookupAdmission lookupAdmission) {

    public SubmissionLimits submissionLimits() {
        GatewayConfig.Submissions submissions = config.submissions();
        return new SubmissionLimits(submissions.batchSize(), submissions.batchMaxBytes(),
                submissions.maxErrorsListed(), submissions.maxLineBytes());
    }
}
