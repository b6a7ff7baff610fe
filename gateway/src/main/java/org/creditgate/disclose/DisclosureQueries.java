package org.creditgate.disclose;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.creditgate.catalog.SubjectType;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The SQL of the lookup path: current versions and objections of a set of subjects, and agencies' authorizations. */
public final class DisclosureQueries {

    /**
     * The current (highest) version of every record of the subjects, in one indexed query. The data comes as UTF-8
     * bytes and is kept so (StoredRecord): as text it would be decoded to a string first, only to be parsed.
     */
    private static final String CURRENT = """
            SELECT DISTINCT ON (provider, category, record_id)
                   provider, category, record_id, version, action, subject_type, subject_code,
                   convert_to(data::text, 'UTF8') AS data,
                   period_start, period_end, created_at
            FROM record_versions
            WHERE subject_code = ANY($1)
            ORDER BY provider, category, record_id, version DESC
            """;

    /** Objections that still matter for disclosure: open ones, and those that ended in deletion. */
    private static final String OBJECTIONS = """
            SELECT subject_code, category, record_id, status FROM objections
            WHERE subject_code = ANY($1) AND status IN ('open', 'deleted')
            """;

    /** Subjects some agency is authorized for now: only for them does an agency's lookup ask which. */
    private static final String AUTHORIZED_SUBJECTS = """
            SELECT DISTINCT subject_code FROM authorizations
            WHERE subject_code = ANY($1) AND revoked_at IS NULL AND expires_at > now()
            """;

    private static final String AUTHORIZED = """
            SELECT subject_code, categories FROM authorizations
            WHERE grantee = $1 AND subject_code = ANY($2) AND revoked_at IS NULL AND expires_at > now()
            """;

    private final Pool pool;

    public DisclosureQueries(Pool pool) {
        this.pool = pool;
    }

    /** Every given subject's records; a subject without records maps to an empty list. */
    public Future<Map<String, SubjectRecords>> records(Collection<String> subjects) {
        String[] codes = subjects.toArray(new String[0]);
        Future<RowSet<Row>> records = pool.preparedQuery(CURRENT).execute(Tuple.of(codes));
        Future<RowSet<Row>> objections = pool.preparedQuery(OBJECTIONS).execute(Tuple.of(codes));
        Future<RowSet<Row>> authorized = pool.preparedQuery(AUTHORIZED_SUBJECTS).execute(Tuple.of(codes));
        return Future.all(records, objections, authorized).map(ignored -> {
            Set<String> withAuthorizations = new HashSet<>();
            for (Row row : authorized.result()) {
                withAuthorizations.add(row.getString(0));
            }
            Map<String, ObjectionState> objectionStates = objectionStates(objections.result());
            Map<String, List<StoredRecord>> bySubject = new HashMap<>();
            for (String code : codes) {
                bySubject.put(code, new ArrayList<>());
            }
            for (Row row : records.result()) {
                StoredRecord record = record(row, objectionStates);
                bySubject.computeIfAbsent(record.subjectCode(), k -> new ArrayList<>()).add(record);
            }
            Map<String, SubjectRecords> result = new HashMap<>(bySubject.size() * 2);
            bySubject.forEach((code, list) -> result.put(code, new SubjectRecords(code, list,
                    withAuthorizations.contains(code))));
            return result;
        });
    }

    /** For an agency: per subject, the categories it is authorized for now (an empty set stands for all). */
    public Future<Map<String, Authorization>> authorizations(String agency, Collection<String> subjects) {
        return pool.preparedQuery(AUTHORIZED).execute(Tuple.tuple().addString(agency)
                        .addArrayOfString(subjects.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Authorization> bySubject = new HashMap<>();
                    for (Row row : rows) {
                        String[] categories = row.getArrayOfStrings("categories");
                        Authorization grant = Authorization.of(categories == null ? List.of() : List.of(categories));
                        bySubject.merge(row.getString("subject_code"), grant, Authorization::union);
                    }
                    return bySubject;
                });
    }

    private static Map<String, ObjectionState> objectionStates(RowSet<Row> rows) {
        Map<String, ObjectionState> states = new HashMap<>();
        for (Row row : rows) {
            String key = objectionKey(row.getString("subject_code"), row.getString("category"),
                    row.getString("record_id"));
            ObjectionState state = "deleted".equals(row.getString("status")) ? ObjectionState.DELETED
                    : ObjectionState.OPEN;
            states.merge(key, state, ObjectionState::and);
        }
        return states;
    }

    private static String objectionKey(String subject, String category, String recordId) {
        return subject + '\u001f' + category + '\u001f' + recordId;
    }

    private static StoredRecord record(Row row, Map<String, ObjectionState> objections) {
        String subject = row.getString("subject_code");
        String category = row.getString("category");
        String recordId = row.getString("record_id");
        return new StoredRecord(
                row.getString("provider"),
                category,
                recordId,
                row.getInteger("version"),
                RecordState.fromAction(row.getString("action")),
                SubjectType.fromWire(row.getString("subject_type")).orElseThrow(),
                subject,
                row.getBuffer("data").getBytes(),
                row.getLocalDate("period_start"),
                row.getLocalDate("period_end"),
                row.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.ofHours(8)),
                objections.getOrDefault(objectionKey(subject, category, recordId), ObjectionState.NONE));
    }
}
