package org.creditgate.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;
import org.creditgate.access.ClientDirectory;
import org.creditgate.catalog.Catalog;
import org.creditgate.config.GatewayConfig;

/** What the HTTP verticles share: one of each per gateway process, thread-safe. */
public record GatewayServices(GatewayConfig config, Catalog catalog, Pool pool, PrometheusMeterRegistry registry,
                              ClientDirectory clients) {
}
