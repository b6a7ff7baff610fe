package org.creditgate.simulations;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import org.creditgate.bench.CreditCodes;
import org.creditgate.bench.SubjectPopulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Agencies posting bulk lookups ({@code POST /v1/lookups}, {@code batch} subjects, with a reason): a share of each
 * lookup comes from a hot set of seeded subjects (after the first lookups, cache hits), the rest from a long tail
 * of valid codes that were never looked up (cache misses, most of them without records, as in a real bulk check).
 * Every 20th subject of the hot set authorized every agency. Each answer must hold one result per subject.
 */
public final class BulkLookupLoad {

    public static final String REQUEST = "bulk lookup";
    public static final String REASON = "贷款审查 负载测试";
    /** Tail companies are numbered from here: far from the seeded subjects and from each other. */
    private static final long TAIL_BASE = 300_000_000L;

    private final List<Map<String, Object>> agencies;
    private final String[] hot;
    private final int batch;
    private final double hotShare;

    private BulkLookupLoad(List<Map<String, Object>> agencies, String[] hot, int batch, double hotShare) {
        this.agencies = agencies;
        this.hot = hot;
        this.batch = batch;
        this.hotShare = hotShare;
    }

    /**
     * Registers {@code agencyCount} agencies; the hot set is the first {@code hotSize} subjects of {@code seeded},
     * every 20th of which authorizes each agency.
     */
    public static BulkLookupLoad prepare(Platform platform, SubjectPopulation seeded, int agencyCount, int hotSize,
                                         int batch, double hotShare) {
        if (hotSize > seeded.size()) {
            throw new IllegalArgumentException("the hot set (" + hotSize + ") is larger than the seeded subjects ("
                    + seeded.size() + ")");
        }
        String[] hot = new String[hotSize];
        List<String> authorizing = new ArrayList<>();
        for (int i = 0; i < hotSize; i++) {
            hot[i] = seeded.code(i);
            if (i % 20 == 7) {
                authorizing.add(hot[i]);
            }
        }
        List<Map<String, Object>> agencies = new ArrayList<>();
        for (int a = 0; a < agencyCount; a++) {
            String name = "agency-" + a;
            agencies.add(Map.of("agency", name, "key", platform.lookupClient(name, "agency")));
            platform.authorize(authorizing, name);
        }
        return new BulkLookupLoad(agencies, hot, batch, hotShare);
    }

    public ScenarioBuilder users() {
        return scenario("agencies looking up in bulk")
                .feed(listFeeder(agencies).circular())
                .exec(http(REQUEST).post("/v1/lookups")
                        .header("Authorization", "Bearer #{key}")
                        .header("Content-Type", "application/json")
                        .body(StringBody(session -> body()))
                        .check(status().is(200))
                        .check(jmesPath("length(results)").ofInt().is(batch))
                        .check(jmesPath("query_id").exists()));
    }

    /** {@code concurrency} lookups in flight at all times for {@code duration}. */
    public PopulationBuilder population(int concurrency, Duration duration, HttpProtocolBuilder protocol) {
        return users().injectClosed(constantConcurrentUsers(concurrency).during(duration)).protocols(protocol);
    }

    public static List<Assertion> assertions(double maxErrorPercent, int p99Millis) {
        return RequestAssertions.of(REQUEST, maxErrorPercent, p99Millis);
    }

    private String body() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder out = new StringBuilder(batch * 21 + 80).append("{\"subjects\":[");
        for (int i = 0; i < batch; i++) {
            if (i > 0) {
                out.append(',');
            }
            String code;
            if (random.nextDouble() < hotShare) {
                code = hot[random.nextInt(hot.length)];
            } else if (random.nextInt(10) < 3) {
                code = CreditCodes.person(random.nextLong(1_000_000L, 17_000_000L));
            } else {
                code = CreditCodes.org(TAIL_BASE + random.nextLong(600_000_000L));
            }
            out.append('"').append(code).append('"');
        }
        return out.append("],\"reason\":\"").append(REASON).append("\"}").toString();
    }
}
