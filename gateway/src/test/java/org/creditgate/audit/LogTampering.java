package org.creditgate.audit;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * What someone with the database owner's rights could do to the logs, for tests: switch the refusing triggers off
 * for one statement and change rows behind the gateway's back.
 */
final class LogTampering {

    private final Pool owner;

    LogTampering(Pool owner) {
        this.owner = owner;
    }

    /** Runs {@code sql} on {@code table} with its append-only trigger switched off, in one transaction. */
    void tamper(String table, String sql) {
        owner.withTransaction(tx -> tx.query("ALTER TABLE " + table + " DISABLE TRIGGER " + table + "_append_only")
                .execute()
                .compose(ignored -> tx.query(sql).execute())
                .compose(ignored -> tx.query("ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER " + table
                        + "_append_only").execute())).await();
    }

    /** The seqs of a log, in order. */
    List<Long> seqs(String table) {
        List<Long> seqs = new ArrayList<>();
        for (Row row : owner.query("SELECT seq FROM " + table + " ORDER BY seq").execute().await()) {
            seqs.add(row.getLong("seq"));
        }
        return seqs;
    }

    String headHex() {
        return Hashes.hex(owner.query("SELECT hash FROM log_chain").execute().await().iterator().next()
                .getBuffer("hash").getBytes());
    }

    long headSeq() {
        return owner.query("SELECT seq FROM log_chain").execute().await().iterator().next().getLong("seq");
    }

    /**
     * Changes the reason of query entry {@code seq}, then recomputes every hash from it on and moves the head: a
     * chain that is consistent in itself, as a forger with the database (but not the signing key) could make it.
     */
    void rewriteFrom(long seq, String reason) {
        owner.withTransaction(tx -> tx.query("""
                ALTER TABLE query_log DISABLE TRIGGER query_log_append_only;
                ALTER TABLE collection_log DISABLE TRIGGER collection_log_append_only;
                ALTER TABLE log_chain DISABLE TRIGGER log_chain_advance_only
                """).execute()
                .compose(ignored -> tx.preparedQuery("UPDATE query_log SET reason = $2 WHERE seq = $1")
                        .execute(Tuple.of(seq, reason)))
                .compose(ignored -> tx.query("""
                        DO $$
                        DECLARE
                            previous bytea;
                            entry record;
                        BEGIN
                            SELECT coalesce((SELECT hash FROM (SELECT seq, hash FROM collection_log
                                                               UNION ALL SELECT seq, hash FROM query_log) e
                                             WHERE e.seq = %1$d - 1), decode(repeat('00', 32), 'hex'))
                              INTO previous;
                            FOR entry IN SELECT 'collection_log' AS log, seq FROM collection_log WHERE seq >= %1$d
                                         UNION ALL SELECT 'query_log', seq FROM query_log WHERE seq >= %1$d
                                         ORDER BY seq LOOP
                                IF entry.log = 'collection_log' THEN
                                    UPDATE collection_log c SET prev_hash = previous,
                                           hash = sha256(previous || collection_log_content(c.seq, c.id,
                                               c.submission_id, c.provider, c.category, c.channel, c.received,
                                               c.accepted, c.rejected, c.rejected_by_code, c.outcome, c.started_at,
                                               c.logged_at))
                                    WHERE c.seq = entry.seq RETURNING c.hash INTO previous;
                                ELSE
                                    UPDATE query_log q SET prev_hash = previous,
                                           hash = sha256(previous || query_log_content(q.seq, q.id, q.query_id,
                                               q.client_id, q.role, q.channel, q.reason, q.on_behalf_of,
                                               q.subjects, q.categories, q.logged_at))
                                    WHERE q.seq = entry.seq RETURNING q.hash INTO previous;
                                END IF;
                            END LOOP;
                            UPDATE log_chain SET hash = previous;
                        END $$""".formatted(seq)).execute())
                .compose(ignored -> tx.query("""
                        ALTER TABLE query_log ENABLE ALWAYS TRIGGER query_log_append_only;
                        ALTER TABLE collection_log ENABLE ALWAYS TRIGGER collection_log_append_only;
                        ALTER TABLE log_chain ENABLE ALWAYS TRIGGER log_chain_advance_only
                        """).execute())).await();
    }
}
