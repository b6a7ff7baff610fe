package org.creditgate.audit;

/**
 * The statements that read the chain back, shared by the gateway (reactive pool) and the offline check (JDBC).
 * Both run them in one REPEATABLE READ, READ ONLY transaction, so entries, checkpoints and head are one snapshot
 * however many entries are logged meanwhile.
 */
final class ChainSql {

    /**
     * Rows fetched at a time. A query entry can name up to a thousand subjects (some 20 KB of content), and the
     * PostgreSQL client decodes a page on the event loop that also answers requests, gathering the page's bytes into
     * one buffer first, which costs more than in proportion to the page's size. Measured on 3,000 entries of 1000
     * subjects with one event loop: a page of 1000 rows stalled the loop up to 340–460 ms and verification took
     * 2.7–3.2 s; 100 rows, 90–130 ms and 1.6 s; 25 rows, 50–70 ms and 1.5–1.8 s. For small entries the page size made
     * no difference (20,000 single-subject entries: 0.4 s either way).
     */
    static final int PAGE = 25;

    static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    /**
     * Both logs as one stream in seq order (a merge of the two seq indexes: nothing is sorted), with the columns
     * {@link LogColumns#entry} reads. Values are cast to text where the chain hashes their text form.
     */
    static final String ENTRIES = """
            SELECT 'collection_log' AS log, seq, prev_hash, hash, id, submission_id::text AS entry_id,
                   provider AS client_id, category, channel, received, accepted, rejected,
                   rejected_by_code::text AS rejected_by_code, outcome, started_at,
                   NULL::text AS role, NULL::text AS reason, NULL::text AS on_behalf_of,
                   NULL::text[] AS subjects, NULL::text[] AS categories, logged_at
            FROM collection_log
            UNION ALL
            SELECT 'query_log', seq, prev_hash, hash, id, query_id::text, client_id, NULL, channel, NULL, NULL, NULL,
                   NULL, NULL, NULL, role, reason, on_behalf_of, subjects, categories, logged_at
            FROM query_log
            ORDER BY seq
            """;

    /** Checkpoints vouching for entries after $1 up to $2, in seq order. */
    static final String CHECKPOINTS_BETWEEN = """
            SELECT seq, head_hash, entries, signed_at, public_key, signature FROM log_checkpoints
            WHERE seq > $1 AND seq <= $2
            ORDER BY seq, id
            """;

    static final String HEAD = "SELECT seq, hash FROM log_chain";

    /** The newest retention anchor, in the columns of a checkpoint; no row when retention never dropped anything. */
    static final String ANCHOR = """
            SELECT seq, hash AS head_hash, entries, signed_at, public_key, signature FROM log_anchors
            ORDER BY seq DESC LIMIT 1
            """;

    private ChainSql() {
    }

    /** The end of the window of checkpoints read when the entries reach {@code seq}. */
    static long windowEnd(long seq) {
        return seq > Long.MAX_VALUE - PAGE ? Long.MAX_VALUE : seq + PAGE;
    }

    /** JDBC wants '?' where the reactive client wants '$n'. */
    static String jdbc(String sql) {
        return sql.replaceAll("\\$\\d+", "?");
    }
}
