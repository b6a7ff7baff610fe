package org.creditgate.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many submissions each provider is streaming on this instance. A provider holds at most {@code maxPerClient}
 * at once, so one provider's parallel uploads cannot take every connection and database batch from the others.
 */
public final class SubmissionSlots {

    private final int maxPerClient;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    public SubmissionSlots(int maxPerClient) {
        this.maxPerClient = maxPerClient;
    }

    /** Takes a slot for {@code client}; false when it holds all its slots already. */
    public boolean tryTake(String client) {
        boolean[] taken = {false};
        inFlight.compute(client, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerClient) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    public void giveBack(String client) {
        inFlight.computeIfPresent(client, (id, count) -> count <= 1 ? null : count - 1);
    }

    public int maxPerClient() {
        return maxPerClient;
    }
}
