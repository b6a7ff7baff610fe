package org.creditgate.collect;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of the record store, on a JDBC connection inside the batch's transaction: lock the provider's category,
 * read the heads of the batch's records, append the new versions (COPY), announce the changed subjects.
 */
public final class RecordQueries {

    /** Serialises writers of one provider's category, so version numbers cannot race. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(? || '/' || ?, 0))";

    private static final String HEADS = "SELECT DISTINCT ON (record_id) record_id, version, action, subject_code, "
            + "content_hash FROM record_versions WHERE provider = ? AND category = ? AND record_id = ANY(?) "
            + "ORDER BY record_id, version DESC";

    private static final String COPY = "COPY record_versions (" + VersionCopy.COLUMNS + ") FROM STDIN (FORMAT binary)";

    /**
     * Revokes and repairs of stored records carry no data: they take the content of the record's latest stored
     * version. This runs before the batch's COPY, so "latest" is the version before the batch (the planner makes a
     * row copy only when no version with data of that record precedes it in the batch).
     */
    private static final String APPEND_COPIES = """
            INSERT INTO record_versions (provider, category, record_id, version, action, subject_type, subject_code,
                                         data, content_hash, period_start, period_end, submission_id)
            SELECT ?, ?, r.record_id, r.version, r.action, r.subject_type, r.subject_code,
                   p.data, p.content_hash, p.period_start, p.period_end, ?
            FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[])
                 AS r(record_id, version, action, subject_type, subject_code)
            CROSS JOIN LATERAL (
                SELECT v.data, v.content_hash, v.period_start, v.period_end
                FROM record_versions v
                WHERE v.provider = ? AND v.category = ? AND v.record_id = r.record_id
                ORDER BY v.version DESC
                LIMIT 1) p
            """;

    /** LISTEN/NOTIFY channel on which every gateway instance hears which subjects changed. */
    public static final String SUBJECTS_CHANNEL = "creditgate_subjects";
    /** One notification per payload, all in one statement. */
    private static final String NOTIFY = "SELECT count(pg_notify('" + SUBJECTS_CHANNEL + "', payload)) "
            + "FROM unnest(?::text[]) AS payload";
    /** NOTIFY payloads must stay under 8000 bytes; codes are 18 characters plus a separator. */
    private static final int CODES_PER_NOTIFICATION = 350;

    private RecordQueries() {
    }

    public static void lock(Connection connection, String provider, String category) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
            statement.setString(1, provider);
            statement.setString(2, category);
            statement.executeQuery().close();
        }
    }

    /** The latest stored version of each of the records (a record named twice is read once). */
    public static Map<String, CurrentVersion> heads(Connection connection, String provider, String category,
                                                   String[] recordIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HEADS)) {
            statement.setString(1, provider);
            statement.setString(2, category);
            statement.setArray(3, connection.createArrayOf("text", recordIds));
            Map<String, CurrentVersion> heads = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String recordId = rows.getString(1);
                    heads.put(recordId, new CurrentVersion(recordId, rows.getInt(2),
                            Action.fromWireOrNull(rows.getString(3)), rows.getString(4), rows.getBytes(5)));
                }
            }
            return heads;
        }
    }

    /** Appends the batch's new versions: first those that copy their previous version, then the rest. */
    public static void append(Connection connection, String provider, String category, UUID submissionId,
                              List<VersionRow> rows) throws SQLException {
        List<VersionRow> copies = new ArrayList<>();
        List<VersionRow> withData = new ArrayList<>(rows.size());
        for (VersionRow row : rows) {
            (row.copiesPrevious() ? copies : withData).add(row);
        }
        if (!copies.isEmpty()) {
            appendCopies(connection, provider, category, submissionId, copies);
        }
        if (!withData.isEmpty()) {
            copy(connection, provider, category, submissionId, withData);
        }
    }

    private static void copy(Connection connection, String provider, String category, UUID submissionId,
                             List<VersionRow> rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            VersionCopy.encode(provider, category, submissionId, rows, copy::writeToCopy);
            copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                cancel(copy, e);
            }
            throw e;
        }
    }

    /** Ends a COPY that failed half-way; the failure that broke it stays the one reported. */
    private static void cancel(CopyIn copy, Exception cause) {
        try {
            copy.cancelCopy();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void appendCopies(Connection connection, String provider, String category, UUID submissionId,
                                     List<VersionRow> rows) throws SQLException {
        int n = rows.size();
        String[] recordIds = new String[n];
        Integer[] versions = new Integer[n];
        String[] actions = new String[n];
        String[] subjectTypes = new String[n];
        String[] subjectCodes = new String[n];
        for (int i = 0; i < n; i++) {
            VersionRow row = rows.get(i);
            recordIds[i] = row.recordId();
            versions[i] = row.version();
            actions[i] = row.action().wireName();
            subjectTypes[i] = row.subjectType().wireName();
            subjectCodes[i] = row.subjectCode();
        }
        try (PreparedStatement statement = connection.prepareStatement(APPEND_COPIES)) {
            statement.setString(1, provider);
            statement.setString(2, category);
            statement.setObject(3, submissionId);
            statement.setArray(4, connection.createArrayOf("text", recordIds));
            statement.setArray(5, connection.createArrayOf("int4", versions));
            statement.setArray(6, connection.createArrayOf("text", actions));
            statement.setArray(7, connection.createArrayOf("text", subjectTypes));
            statement.setArray(8, connection.createArrayOf("text", subjectCodes));
            statement.setString(9, provider);
            statement.setString(10, category);
            int inserted = statement.executeUpdate();
            if (inserted != n) {
                // the planner saw a stored version for each of them under the lock: one must be there
                throw new SQLException("copied " + inserted + " of " + n + " previous versions");
            }
        }
    }

    /** Announces changed subjects; sent inside the transaction, so listeners hear it only if it commits. */
    public static void announce(Connection connection, Collection<String> subjects) throws SQLException {
        if (subjects.isEmpty()) {
            return;
        }
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(Math.min(subjects.size(), CODES_PER_NOTIFICATION) * 19);
        int inPayload = 0;
        for (String subject : subjects) {
            if (inPayload == CODES_PER_NOTIFICATION) {
                payloads.add(payload.toString());
                payload.setLength(0);
                inPayload = 0;
            }
            if (inPayload > 0) {
                payload.append(',');
            }
            payload.append(subject);
            inPayload++;
        }
        payloads.add(payload.toString());
        try (PreparedStatement statement = connection.prepareStatement(NOTIFY)) {
            Array array = connection.createArrayOf("text", payloads.toArray(new String[0]));
            statement.setArray(1, array);
            statement.executeQuery().close();
        }
    }
}
