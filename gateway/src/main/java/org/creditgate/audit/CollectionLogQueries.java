package org.creditgate.audit;

import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes collection log entries, inside the transaction of the data they describe (on the connection that writes
 * the submission's records). The chain fields are the insert trigger's (migration V5).
 */
public final class CollectionLogQueries {

    private static final String INSERT = "INSERT INTO collection_log (submission_id, provider, category, channel, "
            + "received, accepted, rejected, rejected_by_code, outcome, started_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";

    private CollectionLogQueries() {
    }

    public static void insert(Connection connection, CollectionEntry entry) throws SQLException {
        JsonObject byCode = new JsonObject();
        for (Map.Entry<String, Long> code : entry.rejectedByCode().entrySet()) {
            byCode.put(code.getKey(), code.getValue());
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setObject(1, entry.submissionId());
            statement.setString(2, entry.provider());
            statement.setString(3, entry.category());
            statement.setString(4, entry.channel());
            statement.setLong(5, entry.received());
            statement.setLong(6, entry.accepted());
            statement.setLong(7, entry.rejected());
            statement.setString(8, byCode.encode());
            statement.setString(9, entry.complete() ? "complete" : "interrupted");
            statement.setObject(10, entry.startedAt());
            statement.executeUpdate();
        }
    }
}
