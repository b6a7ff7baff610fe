package org.creditgate.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A subject's query history (the subject's right to know who queried it), newest first, paged by entry id. */
public final class QueryHistoryQueries {

    /**
     * {@code count} is the querier's cumulative number of queries of this subject up to that entry (累计查询次数);
     * {@code total} the number of entries in the whole history.
     */
    static final String HISTORY = """
            WITH history AS (
                SELECT l.id, l.query_id, l.logged_at, l.client_id, l.role, l.channel, l.reason,
                       count(*) OVER (PARTITION BY l.client_id ORDER BY l.id) AS cumulative,
                       count(*) OVER () AS total
                FROM query_log l
                -- the index holds hashes of the codes (V6); the code itself is checked on each entry found
                WHERE query_log_subject_keys(l.subjects) @> ARRAY[hashtextextended($1, 0)]
                  AND l.subjects @> ARRAY[$1]::text[]
            )
            SELECT h.id, h.query_id, h.logged_at, h.client_id, c.name AS client_name, h.role, h.channel, h.reason,
                   h.cumulative, h.total
            FROM history h LEFT JOIN clients c ON c.id = h.client_id
            WHERE $2::bigint IS NULL OR h.id < $2
            ORDER BY h.id DESC
            LIMIT $3
            """;

    private final Pool pool;

    public QueryHistoryQueries(Pool pool) {
        this.pool = pool;
    }

    public Future<Page> history(String subject, Long before, int limit) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(subject, before, limit + 1)).map(rows -> {
            List<Entry> entries = new ArrayList<>();
            long total = 0;
            for (Row row : rows) {
                total = row.getLong("total");
                entries.add(new Entry(row.getLong("id"), row.getUUID("query_id").toString(),
                        row.getOffsetDateTime("logged_at"), row.getString("client_id"), row.getString("client_name"),
                        row.getString("role"), row.getString("channel"), row.getString("reason"),
                        row.getLong("cumulative")));
            }
            Long next = null;
            if (entries.size() > limit) {
                entries = entries.subList(0, limit);
                next = entries.get(limit - 1).id();
            }
            return new Page(total, entries, next);
        });
    }

    public record Entry(long id, String queryId, OffsetDateTime time, String clientId, String clientName, String role,
                        String channel, String reason, long count) {
    }

    /** @param total entries in the whole history (0 when this page is past its end) */
    public record Page(long total, List<Entry> entries, Long nextBefore) {
    }
}
