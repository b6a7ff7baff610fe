package org.creditgate.collect;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of the record store. A batch is one transaction: lock the provider's category, read the heads of the
 * batch's records, append the new versions with one multi-row insert, announce the changed subjects.
 */
public final class RecordQueries {

    /** Serialises writers of one provider's category, so version numbers cannot race. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))";

    private static final String HEADS = "SELECT DISTINCT ON (record_id) record_id, version, action, subject_code, "
            + "content_hash FROM record_versions WHERE provider = $1 AND category = $2 AND record_id = ANY($3) "
            + "ORDER BY record_id, version DESC";

    /**
     * Rows without data are revokes and repairs of stored records: they take the content of the record's latest
     * stored version (the statement sees none of its own rows, so that is the version before the batch). The data
     * goes as the canonical UTF-8 bytes the validator made and hashed (bytea), and becomes text on the server:
     * a Java string on the way would cost a decoding and an encoding of every record.
     */
    private static final String APPEND = """
            INSERT INTO record_versions (provider, category, record_id, version, action, subject_type, subject_code,
                                         data, content_hash, period_start, period_end, submission_id)
            SELECT $1, $2, r.record_id, r.version, r.action, r.subject_type, r.subject_code,
                   COALESCE(convert_from(r.data, 'UTF8')::jsonb, p.data), COALESCE(r.content_hash, p.content_hash),
                   CASE WHEN r.data IS NULL THEN p.period_start ELSE r.period_start END,
                   CASE WHEN r.data IS NULL THEN p.period_end ELSE r.period_end END,
                   $3
            FROM unnest($4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::bytea[], $10::bytea[],
                        $11::date[], $12::date[])
                 AS r(record_id, version, action, subject_type, subject_code, data, content_hash, period_start,
                      period_end)
            LEFT JOIN LATERAL (
                SELECT v.data, v.content_hash, v.period_start, v.period_end
                FROM record_versions v
                WHERE r.data IS NULL AND v.provider = $1 AND v.category = $2 AND v.record_id = r.record_id
                ORDER BY v.version DESC
                LIMIT 1) p ON true
            """;

    /** LISTEN/NOTIFY channel on which every gateway instance hears which subjects changed. */
    public static final String SUBJECTS_CHANNEL = "creditgate_subjects";
    private static final String NOTIFY = "SELECT pg_notify('" + SUBJECTS_CHANNEL + "', $1)";
    /** NOTIFY payloads must stay under 8000 bytes; codes are 18 characters plus a separator. */
    private static final int CODES_PER_NOTIFICATION = 350;

    private RecordQueries() {
    }

    public static Future<Void> lock(SqlClient tx, String provider, String category) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(provider, category)).mapEmpty();
    }

    public static Future<Map<String, CurrentVersion>> heads(SqlClient tx, String provider, String category,
                                                           String[] recordIds) {
        return tx.preparedQuery(HEADS).execute(Tuple.of(provider, category, recordIds))
                .map(rows -> {
                    Map<String, CurrentVersion> heads = new HashMap<>(rows.size() * 2);
                    for (Row row : rows) {
                        String recordId = row.getString("record_id");
                        heads.put(recordId, new CurrentVersion(recordId, row.getInteger("version"),
                                Action.fromWireOrNull(row.getString("action")), row.getString("subject_code"),
                                row.getBuffer("content_hash").getBytes()));
                    }
                    return heads;
                });
    }

    public static Future<Void> append(SqlClient tx, String provider, String category, UUID submissionId,
                                      List<VersionRow> rows) {
        int n = rows.size();
        String[] recordIds = new String[n];
        Integer[] versions = new Integer[n];
        String[] actions = new String[n];
        String[] subjectTypes = new String[n];
        String[] subjectCodes = new String[n];
        Buffer[] data = new Buffer[n];
        Buffer[] hashes = new Buffer[n];
        LocalDate[] starts = new LocalDate[n];
        LocalDate[] ends = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            VersionRow row = rows.get(i);
            recordIds[i] = row.recordId();
            versions[i] = row.version();
            actions[i] = row.action().wireName();
            subjectTypes[i] = row.subjectType().wireName();
            subjectCodes[i] = row.subjectCode();
            data[i] = row.copiesPrevious() ? null : Buffer.buffer(row.data());
            hashes[i] = row.copiesPrevious() ? null : Buffer.buffer(row.contentHash());
            starts[i] = row.periodStart();
            ends[i] = row.periodEnd();
        }
        return tx.preparedQuery(APPEND).execute(Tuple.tuple()
                        .addString(provider).addString(category).addUUID(submissionId)
                        .addArrayOfString(recordIds).addArrayOfInteger(versions).addArrayOfString(actions)
                        .addArrayOfString(subjectTypes).addArrayOfString(subjectCodes).addValue(data)
                        .addValue(hashes).addArrayOfLocalDate(starts).addArrayOfLocalDate(ends))
                .mapEmpty();
    }

    /** Announces changed subjects; sent inside the transaction, so listeners hear it only if it commits. */
    public static Future<Void> announce(SqlClient tx, Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<?>> sent = new ArrayList<>();
        StringBuilder payload = new StringBuilder(Math.min(subjects.size(), CODES_PER_NOTIFICATION) * 19);
        int inPayload = 0;
        for (String subject : subjects) {
            if (inPayload == CODES_PER_NOTIFICATION) {
                sent.add(tx.preparedQuery(NOTIFY).execute(Tuple.of(payload.toString())));
                payload.setLength(0);
                inPayload = 0;
            }
            if (inPayload > 0) {
                payload.append(',');
            }
            payload.append(subject);
            inPayload++;
        }
        sent.add(tx.preparedQuery(NOTIFY).execute(Tuple.of(payload.toString())));
        return Future.all(sent).mapEmpty();
    }
}
