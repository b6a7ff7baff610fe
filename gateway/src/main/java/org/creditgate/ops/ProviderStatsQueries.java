package org.creditgate.ops;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Per provider: records accepted and rejected today and this month, and the last submission, from the collection log. */
public final class ProviderStatsQueries {

    private static final String STATS = """
            SELECT c.id, c.name,
                   coalesce(sum(l.accepted) FILTER (WHERE l.logged_at >= $1), 0) AS accepted_today,
                   coalesce(sum(l.rejected) FILTER (WHERE l.logged_at >= $1), 0) AS rejected_today,
                   coalesce(sum(l.accepted), 0) AS accepted_month,
                   coalesce(sum(l.rejected), 0) AS rejected_month,
                   (SELECT max(logged_at) FROM collection_log last WHERE last.provider = c.id) AS last_submission
            FROM clients c
            LEFT JOIN collection_log l ON l.provider = c.id AND l.logged_at >= $2
            WHERE c.role = 'provider'
            GROUP BY c.id, c.name
            ORDER BY c.id
            """;

    private final Pool pool;

    public ProviderStatsQueries(Pool pool) {
        this.pool = pool;
    }

    public record Figures(String provider, String name, long acceptedToday, long rejectedToday, long acceptedMonth,
                          long rejectedMonth, Optional<OffsetDateTime> lastSubmission) {
    }

    /** @param dayStart the start of today and {@code monthStart} of this month, in Asia/Shanghai */
    public Future<List<Figures>> figures(OffsetDateTime dayStart, OffsetDateTime monthStart) {
        return pool.preparedQuery(STATS).execute(Tuple.of(dayStart, monthStart)).map(rows -> {
            List<Figures> figures = new ArrayList<>();
            for (Row row : rows) {
                figures.add(new Figures(row.getString("id"), row.getString("name"), row.getLong("accepted_today"),
                        row.getLong("rejected_today"), row.getLong("accepted_month"), row.getLong("rejected_month"),
                        Optional.ofNullable(row.getOffsetDateTime("last_submission"))));
            }
            return figures;
        });
    }
}
