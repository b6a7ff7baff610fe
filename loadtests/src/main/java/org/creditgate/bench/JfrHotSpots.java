package org.creditgate.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gist of a JFR recording of the gateway (settings=profile): where its Java threads were when sampled (by
 * library, by method, and which of creditgate's own methods were on the stack), what it allocated (in total from
 * the threads' allocation counters, by class and by site from the allocation samples), and its GC.
 */
record JfrHotSpots(Path file, long samples, List<Share> bySteps, List<Share> byArea, List<Share> selfMethods,
                   List<Share> creditgateInclusive, long allocatedBytes,
                   List<Share> allocationByClass, List<Share> allocationBySite, long gcCount, double gcPauseMillis,
                   double gcCpuSeconds, double seconds) {

    /** A name and its part of a total (samples or bytes). */
    record Share(String name, long weight, double fraction) {
    }

    /** A step of a lookup, known by the methods that do it; a lower tier is more specific. */
    private record Step(String prefix, String label, int tier) {
    }

    /**
     * A sample counts for the step of its innermost frame of the most specific tier: Jackson under
     * {@code JsonObject.toBuffer} is encoding the answer, a HashMap put under {@code LookupHandler.render} is building
     * it, Netty writing from a creditgate callback is HTTP.
     */
    private static final List<Step> STEPS = List.of(
            new Step("io.vertx.core.json.JsonObject.toBuffer", "encoding the answer (JsonObject.toBuffer: Jackson)", 1),
            new Step("io.vertx.core.json.JsonObject.encode", "encoding the answer (JsonObject.toBuffer: Jackson)", 1),
            new Step("org.creditgate.http.LookupHandler.render", "building the answer's JsonObjects (render)", 1),
            new Step("org.creditgate.disclose.Projection.", "projection: fields and masks (Projection)", 1),
            new Step("org.creditgate.disclose.Visibility.", "visibility and disclosure periods", 1),
            new Step("org.creditgate.disclose.DisclosurePeriod.", "visibility and disclosure periods", 1),
            new Step("org.creditgate.disclose.LookupService.subjectType", "subject code checks (subjectType)", 1),
            new Step("org.creditgate.disclose.DisclosureQueries.data", "parsing stored data (DisclosureQueries.data)", 1),
            new Step("org.creditgate.disclose.DisclosureQueries.authorizations", "the agency's authorizations query", 1),
            new Step("org.creditgate.disclose.DisclosureQueries.lambda$authorizations",
                    "the agency's authorizations query", 1),
            new Step("org.creditgate.disclose.DisclosureQueries.", "records query, rows to StoredRecords", 1),
            new Step("org.creditgate.disclose.StoredRecord.", "records query, rows to StoredRecords", 1),
            new Step("org.creditgate.disclose.SubjectCache.", "subject cache (Caffeine)", 1),
            new Step("org.creditgate.audit.QueryLogWriter.append", "query log (QueryLogWriter)", 1),
            new Step("org.creditgate.audit.QueryLogWriter.writeNext", "query log (QueryLogWriter)", 1),
            new Step("org.creditgate.audit.QueryLogWriter.columns", "query log (QueryLogWriter)", 1),
            new Step("org.creditgate.http.JsonBodies.", "parsing the request body (JsonBodies)", 1),
            new Step("io.vertx.ext.web.handler.impl.BodyHandlerImpl", "reading the request body (BodyHandler)", 1),
            // a stack cut short by the recording's depth limit: only encoding the answer nests serializers this deep
            new Step("com.fasterxml.jackson.databind.ser.", "encoding the answer (JsonObject.toBuffer: Jackson)", 2),
            new Step("io.vertx.pgclient.", "PostgreSQL client (Vert.x)", 3),
            new Step("io.vertx.sqlclient.", "PostgreSQL client (Vert.x)", 3),
            new Step("io.micrometer.", "metrics (Micrometer)", 3),
            new Step("io.netty.", "HTTP and sockets (Netty, Vert.x)", 3),
            new Step("io.vertx.", "HTTP and sockets (Netty, Vert.x)", 3),
            new Step("org.creditgate.", "other creditgate code (LookupService, LookupHandler, ...)", 4));

    /** Library areas, first match wins: the self frame's class decides where a CPU sample is counted. */
    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("org.creditgate.", "creditgate");
        AREAS.put("com.fasterxml.jackson.", "Jackson");
        AREAS.put("io.vertx.core.json.", "Vert.x JSON");
        AREAS.put("io.vertx.pgclient.", "Vert.x PG client");
        AREAS.put("io.vertx.sqlclient.", "Vert.x SQL client");
        AREAS.put("io.vertx.ext.web.", "Vert.x Web");
        AREAS.put("io.vertx.", "Vert.x core");
        AREAS.put("io.netty.", "Netty");
        AREAS.put("com.github.benmanes.caffeine.", "Caffeine");
        AREAS.put("io.micrometer.", "Micrometer");
        AREAS.put("java.util.", "java.util");
        AREAS.put("java.lang.", "java.lang");
        AREAS.put("java.math.", "java.math");
        AREAS.put("java.time.", "java.time");
        AREAS.put("", "other");
    }

    static JfrHotSpots read(Path file, int top) throws IOException {
        Map<String, Long> areas = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> steps = new HashMap<>();
        Map<String, Long> allocClass = new HashMap<>();
        Map<String, Long> allocSite = new HashMap<>();
        long samples = 0;
        long sampledAllocation = 0;
        Map<Long, long[]> allocatedByThread = new HashMap<>();
        Set<Long> threadsSampled = new HashSet<>();
        List<RecordedEvent> allocationSamples = new java.util.ArrayList<>();
        double gcCpu = 0;
        long gcs = 0;
        double gcPause = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    long at = event.getStartTime().toEpochMilli();
                    first = Math.min(first, at);
                    last = Math.max(last, at);
                    String top0 = name(stack.getFrames().get(0));
                    self.merge(top0, 1L, Long::sum);
                    areas.merge(area(top0), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    Step step = null;
                    for (RecordedFrame frame : stack.getFrames()) {
                        String method = name(frame);
                        Step candidate = step(method);
                        if (candidate != null && (step == null || candidate.tier() < step.tier())) {
                            step = candidate;
                        }
                        // lambda classes are plumbing: the lambda's body (lambda$...) is on the stack too
                        if (method.startsWith("org.creditgate.") && !method.contains("$$Lambda") && seen.add(method)) {
                            inclusive.merge(method, 1L, Long::sum);
                        }
                    }
                    steps.merge(step == null ? "other (JDK only)" : step.label(), 1L, Long::sum);
                }
                case "jdk.ObjectAllocationSample" -> allocationSamples.add(event);
                case "jdk.ThreadAllocationStatistics" -> {
                    // the thread's allocation since it started: the recording's share is the last minus the first
                    long bytes = event.getLong("allocated");
                    allocatedByThread.merge(event.getThread("thread").getJavaThreadId(), new long[] {bytes, bytes},
                            (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
                case "jdk.GCCPUTime" -> gcCpu += (event.getDuration("userTime").toNanos()
                        + event.getDuration("systemTime").toNanos()) / 1e9;
                case "jdk.GarbageCollection" -> {
                    gcs++;
                    gcPause += event.getDuration("sumOfPauses").toNanos() / 1e6;
                }
                default -> {
                }
            }
        }
        // a thread's first sample weighs everything it allocated before the recording started: left out
        allocationSamples.sort(Comparator.comparing(RecordedEvent::getStartTime));
        for (RecordedEvent event : allocationSamples) {
            if (event.getThread() == null || !threadsSampled.add(event.getThread().getJavaThreadId())) {
                long weight = event.getLong("weight");
                sampledAllocation += weight;
                allocClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                allocSite.merge(site(event.getStackTrace()), weight, Long::sum);
            }
        }
        long allocated = allocatedByThread.values().stream().mapToLong(range -> range[1] - range[0]).sum();
        double seconds = samples == 0 ? 0 : (last - first) / 1e3;
        return new JfrHotSpots(file, samples, shares(steps, samples, top), shares(areas, samples, top),
                shares(self, samples, top), shares(inclusive, samples, top), allocated,
                shares(allocClass, sampledAllocation, 10), shares(allocSite, sampledAllocation, 10), gcs, gcPause,
                gcCpu, seconds);
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }

    private static String area(String method) {
        for (Map.Entry<String, String> area : AREAS.entrySet()) {
            if (method.startsWith(area.getKey())) {
                return area.getValue();
            }
        }
        return "other";
    }

    private static Step step(String method) {
        for (Step step : STEPS) {
            if (method.startsWith(step.prefix())) {
                return step;
            }
        }
        return null;
    }

    /** The innermost frame of creditgate's own code: the code that asked for the memory. */
    private static String site(RecordedStackTrace stack) {
        if (stack == null) {
            return "?";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String method = name(frame);
            if (method.startsWith("org.creditgate.")) {
                return method;
            }
        }
        return "(outside creditgate) " + (stack.getFrames().isEmpty() ? "?" : name(stack.getFrames().get(0)));
    }

    private static List<Share> shares(Map<String, Long> counts, long total, int top) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .map(e -> new Share(e.getKey(), e.getValue(), total == 0 ? 0 : e.getValue() / (double) total))
                .toList();
    }
}
