package org.creditgate.simulations;

import io.gatling.javaapi.core.Assertion;

import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.details;

/** What fails a run: too many failed requests of a kind, or too slow a 99th percentile. */
final class RequestAssertions {

    private RequestAssertions() {
    }

    static List<Assertion> of(String request, double maxErrorPercent, int p99Millis) {
        return List.of(details(request).failedRequests().percent().lte(maxErrorPercent),
                details(request).responseTime().percentile(99.0).lte(p99Millis));
    }
}
