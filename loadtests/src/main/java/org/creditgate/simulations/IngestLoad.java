package org.creditgate.simulations;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import org.creditgate.bench.RecordGenerator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Providers streaming NDJSON submissions of admin_penalty records, each of a random size between
 * {@code minRecords} and {@code maxRecords}, 2% of the lines invalid (an impossible date or a prohibited field, as
 * {@link RecordGenerator} makes them). Every answer's counts are checked exactly. Each submission is new records
 * (its own record ids), about companies drawn at random.
 */
public final class IngestLoad {

    public static final String REQUEST = "submission";
    /** Valid records sent by every IngestLoad of this JVM, for reports that need records/s. */
    public static final AtomicLong VALID_RECORDS_SENT = new AtomicLong();

    private final List<Map<String, Object>> providers;
    private final String run;
    private final int minRecords;
    private final int maxRecords;
    private final AtomicLong submissions = new AtomicLong();

    private IngestLoad(List<Map<String, Object>> providers, String run, int minRecords, int maxRecords) {
        this.providers = providers;
        this.run = run;
        this.minRecords = minRecords;
        this.maxRecords = maxRecords;
    }

    /** Registers {@code providerCount} providers of admin_penalty. */
    public static IngestLoad prepare(Platform platform, int providerCount, int minRecords, int maxRecords) {
        if (minRecords > maxRecords) {
            throw new IllegalArgumentException("ingest.min.records must not exceed ingest.max.records");
        }
        List<Map<String, Object>> providers = new ArrayList<>();
        for (int i = 0; i < providerCount; i++) {
            String name = "provider-" + i;
            providers.add(Map.of("provider", name, "key", platform.provider(name, RecordGenerator.CATEGORY)));
        }
        return new IngestLoad(providers, platform.run(), minRecords, maxRecords);
    }

    public ScenarioBuilder users() {
        return scenario("providers streaming submissions")
                .feed(listFeeder(providers).circular())
                .exec(session -> {
                    int lines = ThreadLocalRandom.current().nextInt(minRecords, maxRecords + 1);
                    long invalid = RecordGenerator.invalidLines(lines);
                    return session.set("lines", (long) lines).set("accepted", lines - invalid)
                            .set("rejected", invalid).set("tag", run + "-" + submissions.incrementAndGet());
                })
                .exec(http(REQUEST).post("/v1/submissions/" + RecordGenerator.CATEGORY)
                        .header("Authorization", "Bearer #{key}")
                        .header("Content-Type", "application/x-ndjson")
                        .body(ByteArrayBody(session -> ndjson(session.getString("tag"), session.getLong("lines"))))
                        .check(status().is(200))
                        .check(jmesPath("received").ofLong().is(session -> session.getLong("lines")))
                        .check(jmesPath("accepted").ofLong().is(session -> session.getLong("accepted")))
                        .check(jmesPath("rejected").ofLong().is(session -> session.getLong("rejected"))))
                .exec(session -> {
                    if (!session.isFailed()) {
                        VALID_RECORDS_SENT.addAndGet(session.getLong("accepted"));
                    }
                    return session;
                });
    }

    /** {@code concurrency} submissions in flight at all times for {@code duration}. */
    public PopulationBuilder population(int concurrency, Duration duration, HttpProtocolBuilder protocol) {
        return users().injectClosed(constantConcurrentUsers(concurrency).during(duration)).protocols(protocol);
    }

    public static List<Assertion> assertions(double maxErrorPercent, int p99Millis) {
        return RequestAssertions.of(REQUEST, maxErrorPercent, p99Millis);
    }

    /** Lines {@code 0..lines-1} of a generator of its own: new record ids, companies from a random start. */
    private static byte[] ndjson(String tag, long lines) {
        long firstCompany = ThreadLocalRandom.current().nextLong(0, 900_000_000L);
        RecordGenerator generator = new RecordGenerator(tag, firstCompany);
        StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE / 4, lines * 900));
        for (long line = 0; line < lines; line++) {
            generator.appendNdjsonLine(out, line);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
