package org.creditgate.bench;

import org.creditgate.config.DatabaseUrl;
import org.creditgate.simulations.AgencyBulkLookupSimulation;
import org.creditgate.simulations.BulkLookupLoad;
import org.creditgate.simulations.HttpCeilingSimulation;
import org.creditgate.simulations.IngestLoad;
import org.creditgate.simulations.MixedSimulation;
import org.creditgate.simulations.ProviderIngestSimulation;
import org.creditgate.simulations.PublicLookupLoad;
import org.creditgate.simulations.PublicLookupSimulation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LongSummaryStatistics;
import java.util.List;
import java.util.Map;

/**
 * The Gatling scenarios against one gateway on an embedded PostgreSQL: first the HTTP ceiling of this driver and
 * gateway ({@code /health/live}), then each simulation in turn, every one with the gateway's heap sampled and the
 * machine's CPU metered (so the load of other processes shows).
 */
final class ScenarioRun {

    static final String GATEWAY_HEAP = "1g";

    /** The scenarios' settings. */
    record Settings(int seconds, int ceilingSeconds, int publicRate, int mixedPublicRate, int subjects,
                    Duration quietWait, Path resultsRoot, Path projectRoot) {
    }

    /** One simulation's outcome. */
    record Scenario(String simulation, GatlingRun.Result result, GatlingStats stats, CpuMeter.Usage cpu,
                    long heapMax, long validRecords, int seconds) {
    }

    record Figures(Scenario ceiling, List<Scenario> scenarios, long peakRss) {
        Scenario named(String simulation) {
            return scenarios.stream().filter(s -> s.simulation().equals(simulation)).findFirst().orElseThrow();
        }
    }

    private final Settings settings;
    private final Path workDir;

    ScenarioRun(Settings settings, Path workDir) {
        this.settings = settings;
        this.workDir = workDir;
    }

    Figures run() throws Exception {
        Path postgresDir = workDir.resolve("postgres");
        try (BenchPostgres postgres = BenchPostgres.start(postgresDir)) {
            DatabaseUrl database = postgres.migratedDatabase("scenarios");
            IngestRun.log("starting the gateway (-Xmx" + GATEWAY_HEAP + ") for the Gatling scenarios");
            try (GatewayProcess gateway = GatewayProcess.start(settings.projectRoot(), database, GATEWAY_HEAP,
                    workDir)) {
                String seconds = Integer.toString(settings.seconds());
                Scenario ceiling = simulate(gateway, postgresDir, HttpCeilingSimulation.class, settings.ceilingSeconds(),
                        Map.of("seconds", Integer.toString(settings.ceilingSeconds())));
                List<Scenario> scenarios = new ArrayList<>();
                scenarios.add(simulate(gateway, postgresDir, ProviderIngestSimulation.class, settings.seconds(),
                        Map.of("seconds", seconds)));
                scenarios.add(simulate(gateway, postgresDir, AgencyBulkLookupSimulation.class, settings.seconds(),
                        Map.of("seconds", seconds, "agency.subjects", Integer.toString(settings.subjects()))));
                scenarios.add(simulate(gateway, postgresDir, PublicLookupSimulation.class, settings.seconds(),
                        Map.of("seconds", seconds, "public.rate", Integer.toString(settings.publicRate()),
                                "public.subjects", Integer.toString(settings.subjects()))));
                scenarios.add(simulate(gateway, postgresDir, MixedSimulation.class, settings.seconds(),
                        Map.of("seconds", seconds, "mixed.public.rate", Integer.toString(settings.mixedPublicRate()),
                                "mixed.subjects", Integer.toString(settings.subjects()))));
                return new Figures(ceiling, scenarios, gateway.peakResidentBytes());
            }
        }
    }

    private Scenario simulate(GatewayProcess gateway, Path postgresDir, Class<?> simulation, int seconds,
                              Map<String, String> properties) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("base.url", gateway.api().baseUri());
        all.put("admin.key", gateway.adminKey());
        CpuMeter cpu = new CpuMeter(gateway.pid(), postgresDir);
        LookupRun.awaitQuiet(cpu, settings.quietWait());
        IngestRun.log(simulation.getSimpleName() + ": " + seconds + " s of load (the clients and data it needs "
                + "first)");
        long recordsBefore = IngestLoad.VALID_RECORDS_SENT.get();
        HeapSampler heap = new HeapSampler(gateway);
        heap.start();
        cpu.start();
        GatlingRun.Result result = GatlingRun.run(simulation, settings.resultsRoot(), all);
        CpuMeter.Usage usage = cpu.stop();
        heap.close();
        LongSummaryStatistics heapUsed = heap.samples().stream().mapToLong(HeapSampler.Sample::heapUsed)
                .summaryStatistics();
        GatlingStats stats = GatlingStats.read(result.reportDirectory());
        IngestRun.log(simulation.getSimpleName() + (result.assertionsPassed() ? ": assertions passed"
                : ": assertions FAILED") + "; report " + result.indexHtml());
        return new Scenario(simulation.getSimpleName(), result, stats, usage, heapUsed.getMax(),
                IngestLoad.VALID_RECORDS_SENT.get() - recordsBefore, seconds);
    }

    /** The request names of the simulations, as their reports show them. */
    static List<String> requestNames() {
        return List.of(IngestLoad.REQUEST, BulkLookupLoad.REQUEST, PublicLookupLoad.REQUEST);
    }
}
