package org.creditgate.ops;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * How much a few monotonic counters grew over roughly the last {@code window}: samples taken now and then, the
 * growth measured from the oldest sample still inside the window (or the newest one before it). Plain arithmetic,
 * so it is tested without a clock or a registry.
 */
public final class CounterWindow {

    private record Sample(long nanos, double[] values) {
    }

    /** The growth of each counter over {@code seconds}. */
    public record Growth(double seconds, double[] values) {
        public double perSecond(int counter) {
            return seconds <= 0 ? 0 : values[counter] / seconds;
        }
    }

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    public CounterWindow(long windowNanos) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("the window must be positive");
        }
        this.windowNanos = windowNanos;
    }

    public synchronized void sample(long nanos, double... values) {
        samples.addLast(new Sample(nanos, values.clone()));
        // keep one sample at or before the window's start, so the growth always covers the whole window
        while (samples.size() > 1 && nanos - secondOldest().nanos >= windowNanos) {
            samples.removeFirst();
        }
    }

    /** The growth from the window's base sample to {@code current}; zero growth over zero seconds if no sample yet. */
    public synchronized Growth growthUntil(long nanos, double... current) {
        Sample base = samples.peekFirst();
        if (base == null) {
            return new Growth(0, new double[current.length]);
        }
        double[] growth = new double[current.length];
        Arrays.setAll(growth, i -> Math.max(0, current[i] - base.values[i]));
        return new Growth((nanos - base.nanos) / 1e9, growth);
    }

    private Sample secondOldest() {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }
}
