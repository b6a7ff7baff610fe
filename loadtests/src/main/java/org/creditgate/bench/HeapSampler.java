package org.creditgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the gateway's heap once a second from its own {@code /metrics} (Micrometer's JVM memory gauges), which
 * needs no attach and costs the gateway one small request.
 */
final class HeapSampler implements AutoCloseable {

    /** Heap in use (all pools) and in the old generation, in bytes, {@code second}s after sampling started. */
    record Sample(long second, long heapUsed, long oldGenUsed) {
    }

    private final GatewayProcess gateway;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private long started;

    HeapSampler(GatewayProcess gateway) {
        this.gateway = gateway;
    }

    void start() {
        started = System.nanoTime();
        timer.scheduleAtFixedRate(this::sampleQuietly, 0, 1, TimeUnit.SECONDS);
    }

    /** One sample now, outside the schedule. */
    Sample sample() throws Exception {
        String metrics = gateway.metrics();
        long heap = 0;
        long old = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                heap += value;
                if (line.contains("Old Gen") || line.contains("Tenured")) {
                    old += value;
                }
            }
        }
        if (heap == 0) {
            throw new IllegalStateException("/metrics has no jvm_memory_used_bytes{area=\"heap\"}");
        }
        return new Sample(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), heap, old);
    }

    private void sampleQuietly() {
        try {
            Sample sample = sample();
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (Exception e) {
            IngestRun.log("heap sample failed: " + e.getMessage());
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
