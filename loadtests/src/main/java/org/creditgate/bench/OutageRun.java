package org.creditgate.bench;

import org.creditgate.config.DatabaseUrl;
import org.creditgate.store.EmbeddedDatabase;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A database outage under load, run by {@code loadtests/outage}: the real jar on a PostgreSQL of this driver's own,
 * providers streaming and agencies looking up; then PostgreSQL stops for a while and comes back on the same port.
 * It measures how fast requests fail while it is away (and that they fail with 503 UNAVAILABLE, nothing else), that
 * readiness follows and liveness does not, that nothing is acknowledged while it is away, how long the gateway takes
 * to serve again once it is back, and that every acknowledged record is stored.
 *
 * <p>Options: {@code --outage-seconds N} (20), {@code --before-seconds N} (5), {@code --after-seconds N} (10),
 * {@code --providers N} (3), {@code --lookups N} threads (3), {@code --records N} per submission (200).
 * Exit status 0, or 1 when a requirement is not met.
 */
public final class OutageRun {

    /** A request and its answer: -1 status when no answer came. */
    record Request(String kind, long startedNanos, long endedNanos, int status, String code) {
        double ms() {
            return (endedNanos - startedNanos) / 1e6;
        }
    }

    /** A health probe's answer at a moment. */
    record Probe(long atNanos, int ready, int live) {
    }

    private final Map<String, Integer> options = new TreeMap<>(Map.of("outage-seconds", 20, "before-seconds", 5,
            "after-seconds", 10, "providers", 3, "lookups", 3, "records", 200));

    private OutageRun(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + options.keySet());
            }
            options.put(name, Integer.parseInt(args[i + 1]));
        }
    }

    public static void main(String[] args) throws Exception {
        BenchMain.run("outage", args, "creditgate-outage-", true, line -> new OutageRun(line)::run);
    }

    private int run(Path workDir) throws Exception {
        Path projectRoot = Path.of(System.getProperty("creditgate.root", ".")).toAbsolutePath().normalize();
        Path pgDir = workDir.resolve("postgres");
        EmbeddedDatabase postgres = EmbeddedDatabase.start(pgDir);
        int pgPort = postgres.port();
        DatabaseUrl url = postgres.url();
        System.out.printf("outage: %s%n", options);
        GatewayJar gateway = new GatewayJar(projectRoot, workDir, "postgresql://" + url.user() + "@" + url.host()
                + ":" + url.port() + "/" + url.database());
        gateway.start();
        List<ProviderStream> streams = new ArrayList<>();
        for (int p = 0; p < options.get("providers"); p++) {
            String id = "outage-p" + p;
            streams.add(new ProviderStream(id, gateway.register("{\"id\":\"" + id + "\",\"name\":\"报送单位\","
                    + "\"role\":\"provider\",\"categories\":[\"" + RecordGenerator.CATEGORY + "\"]}"),
                    options.get("records"), p * 10_000_000L));
        }
        String agency = gateway.register("{\"id\":\"outage-agency\",\"name\":\"信用服务\",\"role\":\"agency\","
                + "\"quota\":{\"requests_per_second\":100000,\"subjects_per_day\":1000000000}}");

        List<Request> requests = new CopyOnWriteArrayList<>();
        List<Probe> probes = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(streams.size() + options.get("lookups") + 1);
        List<Future<?>> tasks = new ArrayList<>();
        for (ProviderStream stream : streams) {
            tasks.add(load.submit(() -> {
                while (running.get()) {
                    ProviderStream.Sent sent = stream.sendNext(gateway);
                    requests.add(new Request("submission", sent.startedNanos(), sent.endedNanos(), sent.status(),
                            sent.code()));
                }
                return null;
            }));
        }
        for (int l = 0; l < options.get("lookups"); l++) {
            long seed = l;
            tasks.add(load.submit(() -> {
                lookups(gateway, agency, new SplittableRandom(seed), running, requests);
                return null;
            }));
        }
        tasks.add(load.submit(() -> {
            while (running.get()) {
                long at = System.nanoTime();
                probes.add(new Probe(at, gateway.readyStatus(), gateway.liveStatus()));
                Thread.sleep(200);
            }
            return null;
        }));

        Thread.sleep(options.get("before-seconds") * 1000L);
        long stopping = System.nanoTime();
        postgres.close();
        long down = System.nanoTime();
        System.out.printf("PostgreSQL stopped (%.1f s to stop)%n", (down - stopping) / 1e9);
        Thread.sleep(options.get("outage-seconds") * 1000L);
        long restarting = System.nanoTime();
        postgres = EmbeddedDatabase.start(pgDir, pgPort);
        long up = System.nanoTime();
        System.out.printf("PostgreSQL back on port %d (%.1f s to start)%n", pgPort, (up - restarting) / 1e9);
        Thread.sleep(options.get("after-seconds") * 1000L);
        running.set(false);
        for (Future<?> task : tasks) {
            task.get(180, TimeUnit.SECONDS);
        }
        load.shutdown();
        int exit = gateway.stop();

        List<Request> during = requests.stream().filter(r -> r.startedNanos() > down && r.endedNanos() < restarting)
                .toList();
        Map<String, Integer> duringByAnswer = new TreeMap<>();
        during.forEach(r -> duringByAnswer.merge(r.status() + " " + r.code(), 1, Integer::sum));
        double[] duringMs = during.stream().mapToDouble(Request::ms).sorted().toArray();
        long otherServerErrors = requests.stream().filter(r -> r.status() >= 500 && r.status() != 503).count();
        long noAnswer = requests.stream().filter(r -> r.status() < 0).count();
        long acknowledgedWhileDown = during.stream().filter(r -> r.status() == 200).count();
        double readyDownAfter = probes.stream().filter(p -> p.atNanos() > stopping && p.ready() == 503)
                .mapToDouble(p -> (p.atNanos() - stopping) / 1e9).min().orElse(Double.NaN);
        long liveNot200 = probes.stream().filter(p -> p.live() != 200).count();
        double readyAgainAfter = probes.stream().filter(p -> p.atNanos() > up && p.ready() == 200)
                .mapToDouble(p -> (p.atNanos() - up) / 1e9).min().orElse(Double.NaN);
        double lookupAgainAfter = firstSuccessAfter(requests, "lookup", up);
        double submissionAgainAfter = firstSuccessAfter(requests, "submission", up);
        long lost = lostRecords(url, streams);
        long acknowledged = streams.stream().flatMap(s -> s.ledger().stream()).filter(ProviderStream.Sent::acknowledged)
                .count();
        postgres.close();

        System.out.printf("%nrequests: %d in all, %d acknowledged submissions; %d started and ended while PostgreSQL "
                        + "was away: %s%n", requests.size(), acknowledged, during.size(), duringByAnswer);
        System.out.printf("failing fast: median %.0f ms, p99 %.0f ms, slowest %.0f ms%n", percentile(duringMs, 0.5),
                percentile(duringMs, 0.99), percentile(duringMs, 1.0));
        System.out.printf("/health/ready 503 %.1f s after PostgreSQL began to stop; /health/live answers other than 200: "
                + "%d of %d probes%n", readyDownAfter, liveNot200, probes.size());
        System.out.printf("recovery after PostgreSQL was back: ready in %.1f s, first lookup in %.1f s, first "
                + "submission in %.1f s%n", readyAgainAfter, lookupAgainAfter, submissionAgainAfter);
        System.out.printf("5xx other than 503: %d; requests without an answer: %d; acknowledged while away: %d; "
                + "acknowledged records missing: %d; gateway exit after SIGTERM: %d%n", otherServerErrors, noAnswer,
                acknowledgedWhileDown, lost, exit);

        List<String> failures = new ArrayList<>();
        if (during.isEmpty() || during.stream().anyMatch(r -> r.status() != 503 || !"UNAVAILABLE".equals(r.code()))) {
            failures.add("requests while PostgreSQL was away must all be 503 UNAVAILABLE");
        }
        if (percentile(duringMs, 1.0) > 5000) {
            failures.add("a request took more than 5 s to fail");
        }
        if (otherServerErrors > 0 || noAnswer > 0 || acknowledgedWhileDown > 0 || lost > 0 || liveNot200 > 0) {
            failures.add("a 5xx other than 503, an unanswered request, an acknowledgement while away, a lost record "
                    + "or a failed liveness probe");
        }
        if (!(readyDownAfter <= 5) || !(readyAgainAfter <= 10) || !(lookupAgainAfter <= 10)
                || !(submissionAgainAfter <= 10)) {
            failures.add("readiness or recovery took too long (5 s to go unready, 10 s to serve again)");
        }
        failures.forEach(f -> System.out.println("FAIL: " + f));
        if (failures.isEmpty()) {
            System.out.println("PASS");
        }
        return failures.isEmpty() ? 0 : 1;
    }

    private static void lookups(GatewayJar gateway, String agency, SplittableRandom random, AtomicBoolean running,
                                List<Request> requests) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        while (running.get()) {
            StringBuilder subjects = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                subjects.append(i == 0 ? "\"" : ",\"").append(CreditCodes.org(random.nextInt(2000))).append('"');
            }
            HttpRequest request = HttpRequest.newBuilder(gateway.uri("/v1/lookups"))
                    .header("Authorization", "Bearer " + agency).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"subjects\":[" + subjects + "],\"reason\":\"贷款审查\"}"))
                    .build();
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                String code = response.statusCode() == 200 ? null
                        : response.body().replaceAll("(?s).*\"code\":\"([A-Z_]+)\".*", "$1");
                requests.add(new Request("lookup", started, System.nanoTime(), response.statusCode(), code));
            } catch (IOException e) {
                requests.add(new Request("lookup", started, System.nanoTime(), -1, e.getClass().getSimpleName()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static double firstSuccessAfter(List<Request> requests, String kind, long up) {
        return requests.stream().filter(r -> r.kind().equals(kind) && r.status() == 200 && r.startedNanos() > up)
                .mapToDouble(r -> (r.endedNanos() - up) / 1e9).min().orElse(Double.NaN);
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1 < 0 ? 0
                : (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static long lostRecords(DatabaseUrl url, List<ProviderStream> streams) throws Exception {
        long lost = 0;
        try (Connection db = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             PreparedStatement s = db.prepareStatement("SELECT count(*) FROM record_versions WHERE provider = ? "
                     + "AND record_id = ANY(?)")) {
            for (ProviderStream stream : streams) {
                for (ProviderStream.Sent sent : stream.ledger()) {
                    if (sent.acknowledged()) {
                        List<String> ids = stream.validRecordIds(sent.index());
                        s.setString(1, stream.id());
                        s.setArray(2, db.createArrayOf("text", ids.toArray()));
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            lost += ids.size() - rs.getLong(1);
                        }
                    }
                }
            }
        }
        return lost;
    }
}
