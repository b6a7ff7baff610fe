package org.creditgate.simulations;

import org.creditgate.bench.GatewayApi;
import org.creditgate.bench.SubjectPopulation;
import org.creditgate.bench.SubmissionAnswer;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The gateway a simulation runs against, prepared through its API before the load starts: the simulation's own
 * clients (ids carry a run tag, so runs against the same gateway never collide) and the data it looks up.
 */
public final class Platform {

    private final GatewayApi api;
    private final String run;

    private Platform(GatewayApi api, String run) {
        this.api = api;
        this.run = run;
    }

    /** The gateway named by {@code -Dbase.url} and {@code -Dadmin.key}. */
    public static Platform fromSystemProperties() {
        return new Platform(new GatewayApi(LoadSettings.baseUrl(), LoadSettings.adminKey()),
                Long.toString(System.currentTimeMillis(), 36));
    }

    public String baseUrl() {
        return api.baseUri();
    }

    /** A client id unique to this run: {@code lt-<run>-<name>}. */
    public String clientId(String name) {
        return "lt-" + run + "-" + name;
    }

    /** A tag unique to this run, for record ids. */
    public String run() {
        return run;
    }

    public String provider(String name, String category) {
        return call(() -> api.registerProvider(clientId(name), category));
    }

    public String lookupClient(String name, String role) {
        return call(() -> api.registerLookupClient(clientId(name), role));
    }

    /**
     * Loads the subjects {@code 0..size-1} of a {@link SubjectPopulation} (1 to 3 records each, admin_penalty and
     * court_defaulter, all visible to every viewer) through two providers of this run, and checks the answers.
     */
    public SubjectPopulation seed(int size) {
        SubjectPopulation population = new SubjectPopulation(size, LocalDate.now(ZoneId.of("Asia/Shanghai")));
        List<CompletableFuture<SubmissionAnswer>> answers = new ArrayList<>();
        for (String category : List.of(SubjectPopulation.PENALTY, SubjectPopulation.DEFAULTER)) {
            String key = provider("seed-" + category.replace('_', '-'), category);
            long records = population.recordsOf(category);
            answers.add(api.submit(key, category, population.submission(category)).thenApply(answer ->
                    answer.requireEqualTo(new SubmissionAnswer(records, records, 0), "seeding " + category)));
        }
        answers.forEach(CompletableFuture::join);
        return population;
    }

    /** As the operator: each subject authorizes the agency {@code agencyName} of this run, for a year. */
    public void authorize(List<String> subjects, String agencyName) {
        OffsetDateTime expires = OffsetDateTime.now().plusYears(1);
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<Void>> grants = new ArrayList<>();
        for (String subject : subjects) {
            inFlight.acquireUninterruptibly();
            grants.add(api.authorize(subject, clientId(agencyName), expires)
                    .whenComplete((ok, failed) -> inFlight.release()));
        }
        CompletableFuture.allOf(grants.toArray(CompletableFuture[]::new)).join();
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("preparing the gateway failed: " + e, e);
        }
    }
}
