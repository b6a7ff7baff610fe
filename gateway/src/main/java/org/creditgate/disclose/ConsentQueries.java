package org.creditgate.disclose;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.creditgate.collect.RecordQueries;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of what subjects decide about their records: authorizations of agencies and objections. Changes that
 * affect disclosure are announced on the subjects channel so every instance drops its cached view.
 */
public final class ConsentQueries {

    private static final String GRANTEE_IS_AGENCY = "SELECT 1 FROM clients WHERE id = $1 AND role = 'agency'";
    private static final String GRANT = "INSERT INTO authorizations (id, subject_code, grantee, categories, expires_at, "
            + "evidence, granted_by) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    private static final String REVOKE = "UPDATE authorizations SET revoked_at = now(), revoked_by = $2 "
            + "WHERE id = $1 AND revoked_at IS NULL AND ($3::text IS NULL OR granted_by = $3) RETURNING subject_code";
    private static final String RECORD_EXISTS = "SELECT 1 FROM record_versions WHERE subject_code = $1 "
            + "AND category = $2 AND record_id = $3 LIMIT 1";
    private static final String OBJECT = "INSERT INTO objections (id, subject_code, category, record_id, reason, "
            + "filed_by, status) VALUES ($1, $2, $3, $4, $5, $6, 'open')";
    private static final String RESOLVE = "UPDATE objections SET status = $2, resolved_at = now(), resolved_by = $3 "
            + "WHERE id = $1 AND status = 'open' RETURNING subject_code";
    private static final String OBJECTION_EXISTS = "SELECT status FROM objections WHERE id = $1";
    private static final String NOTIFY = "SELECT pg_notify('" + RecordQueries.SUBJECTS_CHANNEL + "', $1)";

    private final Pool pool;
    private final SubjectCache cache;

    /**
     * @param cache this instance's subject cache: told of every change this class announces as soon as it commits,
     *              before it is answered (other instances hear the announcement)
     */
    public ConsentQueries(Pool pool, SubjectCache cache) {
        this.pool = pool;
        this.cache = cache;
    }

    public Future<Boolean> isAgency(String clientId) {
        return pool.preparedQuery(GRANTEE_IS_AGENCY).execute(Tuple.of(clientId)).map(rows -> rows.size() > 0);
    }

    public Future<UUID> grant(String subject, String grantee, List<String> categories, OffsetDateTime expiresAt,
                              String evidence, String grantedBy) {
        UUID id = UUID.randomUUID();
        // cached subjects remember whether any agency is authorized (lookups ask for the details only then): the
        // grant is announced to every instance, and this one drops the subject before the grant is answered
        return pool.withTransaction(tx -> tx.preparedQuery(GRANT).execute(Tuple.of(id, subject, grantee,
                                categories.toArray(new String[0]), expiresAt, evidence, grantedBy))
                        .compose(ignored -> tx.preparedQuery(NOTIFY).execute(Tuple.of(subject))))
                .map(ignored -> {
                    cache.changed(List.of(subject));
                    return id;
                });
    }

    /**
     * Revokes an authorization in force; with {@code onlyGrantedBy} set, only one that client granted.
     * Empty when there is no such authorization in force.
     */
    public Future<Optional<String>> revoke(UUID id, String revokedBy, String onlyGrantedBy) {
        return pool.preparedQuery(REVOKE).execute(Tuple.of(id, revokedBy, onlyGrantedBy))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    public Future<Boolean> recordExists(String subject, String category, String recordId) {
        return pool.preparedQuery(RECORD_EXISTS).execute(Tuple.of(subject, category, recordId))
                .map(rows -> rows.size() > 0);
    }

    public Future<UUID> object(String subject, String category, String recordId, String reason, String filedBy) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> tx.preparedQuery(OBJECT)
                .execute(Tuple.of(id, subject, category, recordId, reason, filedBy))
                .compose(ignored -> tx.preparedQuery(NOTIFY).execute(Tuple.of(subject)))
                .map(id)).onSuccess(ignored -> cache.changed(List.of(subject)));
    }

    /** The outcome of an open objection; the result tells whether it was open, resolved before, or unknown. */
    public Future<Resolution> resolve(UUID id, String outcome, String resolvedBy) {
        List<String> changedOnCommit = new java.util.ArrayList<>(1);
        return pool.withTransaction(tx -> tx.preparedQuery(RESOLVE).execute(Tuple.of(id, outcome, resolvedBy))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return tx.preparedQuery(OBJECTION_EXISTS).execute(Tuple.of(id)).map(existing ->
                                existing.size() == 0 ? Resolution.UNKNOWN : Resolution.ALREADY_RESOLVED);
                    }
                    String subject = rows.iterator().next().getString("subject_code");
                    return tx.preparedQuery(NOTIFY).execute(Tuple.of(subject)).map(ignored -> {
                        changedOnCommit.add(subject);
                        return Resolution.RESOLVED;
                    });
                })).onSuccess(ignored -> cache.changed(changedOnCommit));
    }

    public Future<Void> announce(String subject) {
        return pool.preparedQuery(NOTIFY).execute(Tuple.of(subject))
                .onSuccess(ignored -> cache.changed(List.of(subject))).mapEmpty();
    }

    public enum Resolution { RESOLVED, ALREADY_RESOLVED, UNKNOWN }
}
