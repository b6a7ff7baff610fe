package org.creditgate.access;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.util.OptionalLong;

/** The SQL of daily quotas: leases taken only if they fit under the limit, and returned when unused. */
public final class QuotaQueries {

    /** Takes {@code amount} of the day's quota if used + amount stays within the limit; returns the new total. */
    private static final String LEASE = """
            INSERT INTO quota_usage (client_id, day, used)
            SELECT $1, $2, $3 WHERE $3 <= $4
            ON CONFLICT (client_id, day) DO UPDATE SET used = quota_usage.used + EXCLUDED.used
                WHERE quota_usage.used + EXCLUDED.used <= $4
            RETURNING used
            """;
    private static final String GIVE_BACK = "UPDATE quota_usage SET used = greatest(used - $3, 0) "
            + "WHERE client_id = $1 AND day = $2";

    private final Pool pool;

    public QuotaQueries(Pool pool) {
        this.pool = pool;
    }

    /** The day's total after the lease, or empty when the lease does not fit. */
    public Future<OptionalLong> lease(String clientId, LocalDate day, long amount, long limit) {
        return pool.preparedQuery(LEASE).execute(Tuple.of(clientId, day, amount, limit)).map(rows -> rows.size() == 0
                ? OptionalLong.empty() : OptionalLong.of(rows.iterator().next().getLong("used")));
    }

    public Future<Void> giveBack(String clientId, LocalDate day, long amount) {
        return pool.preparedQuery(GIVE_BACK).execute(Tuple.of(clientId, day, amount)).mapEmpty();
    }
}
