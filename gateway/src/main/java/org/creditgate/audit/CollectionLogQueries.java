package org.creditgate.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Map;

/** Writes collection log entries, inside the transaction of the data they describe. */
public final class CollectionLogQueries {

    private static final String INSERT = "INSERT INTO collection_log (submission_id, provider, category, channel, "
            + "received, accepted, rejected, rejected_by_code, outcome, started_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private CollectionLogQueries() {
    }

    public static Future<Void> insert(SqlClient client, CollectionEntry entry) {
        JsonObject byCode = new JsonObject();
        for (Map.Entry<String, Long> code : entry.rejectedByCode().entrySet()) {
            byCode.put(code.getKey(), code.getValue());
        }
        return client.preparedQuery(INSERT).execute(Tuple.tuple()
                        .addUUID(entry.submissionId())
                        .addString(entry.provider())
                        .addString(entry.category())
                        .addString(entry.channel())
                        .addLong(entry.received())
                        .addLong(entry.accepted())
                        .addLong(entry.rejected())
                        .addValue(byCode)
                        .addString(entry.complete() ? "complete" : "interrupted")
                        .addOffsetDateTime(entry.startedAt()))
                .mapEmpty();
    }
}
