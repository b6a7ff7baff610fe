package org.creditgate.testing;

import org.creditgate.config.DatabaseUrl;

/**
 * Two gateway instances on one fresh database, as a scaled-out deployment runs them behind a load balancer:
 * nothing but the database is shared between them.
 */
public final class GatewayPair implements AutoCloseable {

    private final RunningGateway first;
    private final RunningGateway second;

    private GatewayPair(RunningGateway first, RunningGateway second) {
        this.first = first;
        this.second = second;
    }

    public static GatewayPair start() {
        DatabaseUrl database = TestPostgres.freshDatabase();
        RunningGateway first = RunningGateway.start(database, config -> config);
        try {
            return new GatewayPair(first, RunningGateway.start(database, config -> config));
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
    }

    public RunningGateway first() {
        return first;
    }

    public RunningGateway second() {
        return second;
    }

    @Override
    public void close() {
        try {
            second.close();
        } finally {
            first.close();
        }
    }
}
