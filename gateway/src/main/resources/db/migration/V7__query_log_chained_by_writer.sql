-- Query log entries chained by their writer. The chain itself (V5) does not change: the same seq, prev_hash and
-- hash over the same canonical content. What changes is who computes the hashes of query log entries.
--
-- A row trigger in PL/pgSQL cost about 25 µs an entry, half of what PostgreSQL spent on an entry, all of it under the
-- lock on the chain head; with thousands of single-subject lookups a second the log could not keep up. The gateway's
-- query log writer (org.creditgate.audit.QueryLogWriter) now
--   1. calls query_log_reserve(n) in its transaction: it locks the head (so the chain order is still the commit
--      order), and returns the head, the transaction's time (the entries' logged_at) and n entry ids;
--   2. computes each entry's seq, prev_hash and hash in Java (org.creditgate.audit.CanonicalContent, the same bytes
--      as query_log_content);
--   3. inserts the entries with them.
-- The row trigger then only chains rows that come without a hash (an insert by hand, say). A statement trigger
-- checks that the rows of the statement continue the chain exactly from the head (seq one after the other, each
-- prev_hash the hash before it) and moves the head: a writer that got it wrong is refused, never forks the chain.
-- Whether each hash matches its content is what verification (ChainVerifier, GET /v1/audit/verify) checks, as
-- before: a wrong hash breaks the chain there, whoever wrote it.

CREATE FUNCTION query_log_reserve(entries integer, OUT end_seq bigint, OUT end_hash bytea, OUT logged_at timestamptz,
                                  OUT ids bigint[]) LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF entries < 1 OR entries > 100000 THEN
        RAISE EXCEPTION 'query_log_reserve: % entries', entries USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT c.seq, c.hash INTO end_seq, end_hash FROM log_chain c FOR UPDATE;
    logged_at := now();
    ids := ARRAY(SELECT nextval(pg_get_serial_sequence('query_log', 'id')) FROM generate_series(1, entries));
END
$$;

DROP TRIGGER query_log_chain ON query_log;
CREATE TRIGGER query_log_chain BEFORE INSERT ON query_log
    FOR EACH ROW WHEN (NEW.hash IS NULL) EXECUTE FUNCTION log_chain_entry('query_log');

-- Replaces log_chain_move_head on query_log: the rows of the statement, however chained, must continue the chain
-- from the head as it stood before the statement; then the head moves to the last of them.
CREATE FUNCTION query_log_link() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    head_seq bigint;
    head_hash bytea;
    last_seq bigint;
    last_hash bytea;
    broken bigint;
BEGIN
    SELECT c.seq, c.hash INTO head_seq, head_hash FROM log_chain c FOR UPDATE;
    SELECT count(*) FILTER (WHERE a.seq <> head_seq + a.n OR a.prev_hash <> coalesce(a.before, head_hash)),
           max(a.seq)
      INTO broken, last_seq
      FROM (SELECT q.seq, q.prev_hash, lag(q.hash) OVER (ORDER BY q.seq) AS before,
                   row_number() OVER (ORDER BY q.seq) AS n
              FROM added q) a;
    IF broken > 0 THEN
        RAISE EXCEPTION 'query_log entries do not continue the log chain from seq %', head_seq
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF last_seq IS NOT NULL THEN
        SELECT q.hash INTO last_hash FROM added q WHERE q.seq = last_seq;
        UPDATE log_chain SET seq = last_seq, hash = last_hash;
        -- later statements of the transaction (rows chained by the row trigger) continue from here
        PERFORM set_config('creditgate.chain_end', last_seq || ':' || encode(last_hash, 'hex'), true);
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER query_log_move_head ON query_log;
CREATE TRIGGER query_log_link AFTER INSERT ON query_log REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION query_log_link();

REVOKE EXECUTE ON FUNCTION query_log_reserve(integer), query_log_link() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION query_log_reserve(integer) TO creditgate_app;
