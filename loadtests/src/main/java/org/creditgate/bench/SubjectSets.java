package org.creditgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subject sets a phase asks for, one set per lookup, handed out to concurrent workers: either each set once
 * (cold lookups: no subject is asked twice) or round and round (lookups of a hot set).
 */
final class SubjectSets {

    private final List<int[]> sets;
    private final boolean cycling;
    private final AtomicLong next = new AtomicLong();

    private SubjectSets(List<int[]> sets, boolean cycling) {
        this.sets = List.copyOf(sets);
        this.cycling = cycling;
    }

    static SubjectSets once(List<int[]> sets) {
        return new SubjectSets(sets, false);
    }

    static SubjectSets cycling(List<int[]> sets) {
        return new SubjectSets(sets, true);
    }

    /** The next set, or null when a set handed out once has none left. */
    int[] next() {
        long n = next.getAndIncrement();
        if (n >= sets.size() && !cycling) {
            return null;
        }
        return sets.get((int) (n % sets.size()));
    }

    int size() {
        return sets.size();
    }

    long subjects() {
        return sets.stream().mapToLong(set -> set.length).sum();
    }

    /** The subjects {@code from..to-1} of {@code order}, cut into consecutive sets of {@code size}. */
    static List<int[]> partition(int[] order, int from, int to, int size) {
        List<int[]> sets = new ArrayList<>();
        for (int start = from; start + size <= to; start += size) {
            int[] set = new int[size];
            System.arraycopy(order, start, set, 0, size);
            sets.add(set);
        }
        return sets;
    }

    /** {@code count} sets of {@code size} distinct subjects drawn at random from {@code pool}. */
    static List<int[]> drawn(int[] pool, int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> sets = new ArrayList<>();
        int[] shuffled = pool.clone();
        for (int s = 0; s < count; s++) {
            // a partial Fisher-Yates shuffle: the first `size` places hold a fresh random sample each time
            for (int i = 0; i < size; i++) {
                int j = i + random.nextInt(shuffled.length - i);
                int swap = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = swap;
            }
            int[] set = new int[size];
            System.arraycopy(shuffled, 0, set, 0, size);
            sets.add(set);
        }
        return sets;
    }

    /** 0..n-1 in a random order fixed by {@code seed}. */
    static int[] shuffledSubjects(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
