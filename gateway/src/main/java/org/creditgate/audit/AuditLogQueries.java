package org.creditgate.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * Reading the append-only logs for the operator: filtered, newest first, paged by entry id (a cursor is the id of
 * the last entry of the previous page). Every filter is optional.
 */
public final class AuditLogQueries {

    private static final String COLLECTIONS = """
            SELECT id, submission_id, provider, category, channel, received, accepted, rejected,
                   rejected_by_code::text AS rejected_by_code, outcome, started_at, logged_at
            FROM collection_log
            WHERE ($1::text IS NULL OR provider = $1)
              AND ($2::text IS NULL OR category = $2)
              AND ($3::timestamptz IS NULL OR logged_at >= $3)
              AND ($4::timestamptz IS NULL OR logged_at < $4)
              AND ($5::bigint IS NULL OR id < $5)
            ORDER BY id DESC
            LIMIT $6
            """;

    private static final String QUERIES = """
            SELECT id, query_id, client_id, role, channel, reason, on_behalf_of, subjects, categories, logged_at
            FROM query_log
            WHERE ($1::text IS NULL OR client_id = $1)
              AND ($2::text IS NULL OR (query_log_subject_keys(subjects) @> ARRAY[hashtextextended($2, 0)]
                                        AND subjects @> ARRAY[$2]::text[]))
              AND ($3::timestamptz IS NULL OR logged_at >= $3)
              AND ($4::timestamptz IS NULL OR logged_at < $4)
              AND ($5::bigint IS NULL OR id < $5)
            ORDER BY id DESC
            LIMIT $6
            """;

    private final Pool pool;

    public AuditLogQueries(Pool pool) {
        this.pool = pool;
    }

    /** A page of entries as JSON objects (explicit columns), and the cursor of the next page or null. */
    public record Page(JsonArray entries, String nextCursor) {
    }

    public Future<Page> collections(String provider, String category, OffsetDateTime from, OffsetDateTime to,
                                    Long before, int limit) {
        return pool.preparedQuery(COLLECTIONS).execute(Tuple.of(provider, category, from, to, before, limit + 1))
                .map(rows -> page(rows, limit, row -> new JsonObject()
                        .put("submission_id", row.getUUID("submission_id").toString())
                        .put("provider", row.getString("provider"))
                        .put("category", row.getString("category"))
                        .put("channel", row.getString("channel"))
                        .put("time", row.getOffsetDateTime("logged_at").toString())
                        .put("started_at", row.getOffsetDateTime("started_at").toString())
                        .put("received", row.getLong("received"))
                        .put("accepted", row.getLong("accepted"))
                        .put("rejected", row.getLong("rejected"))
                        .put("rejected_by_code", new JsonObject(row.getString("rejected_by_code")))
                        .put("outcome", row.getString("outcome"))));
    }

    public Future<Page> queries(String client, String subject, OffsetDateTime from, OffsetDateTime to, Long before,
                                int limit) {
        return pool.preparedQuery(QUERIES).execute(Tuple.of(client, subject, from, to, before, limit + 1))
                .map(rows -> page(rows, limit, row -> new JsonObject()
                        .put("query_id", row.getUUID("query_id").toString())
                        .put("client_id", row.getString("client_id"))
                        .put("role", row.getString("role"))
                        .put("channel", row.getString("channel"))
                        .put("reason", row.getString("reason"))
                        .put("on_behalf_of", row.getString("on_behalf_of"))
                        .put("time", row.getOffsetDateTime("logged_at").toString())
                        .put("subjects", new JsonArray(List.of(row.getArrayOfStrings("subjects"))))
                        .put("categories", new JsonArray(List.of(row.getArrayOfStrings("categories"))))));
    }

    /** Up to {@code limit} entries; the query asked for one more, whose presence means there is a next page. */
    private static Page page(RowSet<Row> rows, int limit, Function<Row, JsonObject> entry) {
        JsonArray entries = new JsonArray();
        Long last = null;
        for (Row row : rows) {
            if (entries.size() == limit) {
                return new Page(entries, Long.toString(last));
            }
            last = row.getLong("id");
            entries.add(entry.apply(row));
        }
        return new Page(entries, null);
    }
}
