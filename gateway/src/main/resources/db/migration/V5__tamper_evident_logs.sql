-- Tamper-evident logs (DOMAIN.md "Logs": append-only, any tampering detectable).
--
-- One hash chain runs through BOTH logs, in the order their entries were committed. Every entry of
-- collection_log and query_log carries
--   seq        its position in the chain (1, 2, 3, ... without gaps, unique across both logs),
--   prev_hash  the hash of the entry before it (32 zero bytes for seq 1),
--   hash       sha256(prev_hash || content), content being the entry's canonical bytes defined below.
-- log_chain holds the head: the seq and hash of the last entry (seq 0 and 32 zero bytes while empty).
-- Changing an entry breaks its hash, deleting one breaks seq and the next prev_hash, reordering breaks both;
-- org.creditgate.audit.ChainVerifier recomputes all of it outside the database.
--
-- Canonical content (org.creditgate.audit.CanonicalContent computes the same bytes in Java): the concatenation
-- of one item per field, in the order listed below. An item is the field's text in UTF-8, preceded by its byte
-- length as a 4-byte big-endian signed integer; NULL is the length -1 (ff ff ff ff) with no bytes. The text of
--   a number      is its decimal form (bigint::text)
--   a uuid        its lower-case hyphenated form (uuid::text)
--   a jsonb       PostgreSQL's text output of it (jsonb::text: keys in jsonb's own order, one space after ':'
--                 and ',')
--   a text[]      its JSON array (array_to_json(x)::text: ["a","b"], no spaces, NULL elements as null, strings
--                 escaped as PostgreSQL's JSON output escapes them)
--   a timestamptz the UTC time to the microsecond, to_char(x AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
--                 e.g. 2026-05-01T00:00:00.500000Z (independent of the session's TimeZone and DateStyle)
-- and the fields are
--   collection_log: 'collection_log', seq, id, submission_id, provider, category, channel, received, accepted,
--                   rejected, rejected_by_code, outcome, started_at, logged_at
--   query_log:      'query_log', seq, id, query_id, client_id, role, channel, reason, on_behalf_of, subjects,
--                   categories, logged_at
-- Length prefixes make the encoding unambiguous: no value can borrow bytes from its neighbour, whatever it holds.
-- A column added to a log later is outside the chain until both this definition and the Java one include it.
--
-- Signed checkpoints: log_checkpoints keeps, every few minutes, the head (seq, hash) signed with a gateway's
-- Ed25519 key (org.creditgate.audit.CheckpointSigner documents the signed bytes). Rewriting the chain behind a
-- checkpoint then needs that key as well as the database.
--
-- Privileges: the gateway's pool runs as the role creditgate_app (SET ROLE on every connection), which may only
-- SELECT and INSERT the logs and the checkpoints, and only SELECT the head. Triggers refuse UPDATE, DELETE and
-- TRUNCATE of the logs and checkpoints to everyone, the owner included. On an external database the login user
-- must be a member of creditgate_app; this migration makes it one when it may (superuser, or the role's
-- creator), else a DBA runs: CREATE ROLE creditgate_app NOLOGIN; GRANT creditgate_app TO <login user>;

CREATE TABLE log_chain (
    -- a single row: the head of the chain
    id   boolean PRIMARY KEY DEFAULT true CHECK (id),
    seq  bigint  NOT NULL CHECK (seq >= 0),
    hash bytea   NOT NULL CHECK (length(hash) = 32)
);

INSERT INTO log_chain (seq, hash) VALUES (0, decode(repeat('00', 32), 'hex'));

ALTER TABLE collection_log ADD COLUMN seq bigint, ADD COLUMN prev_hash bytea, ADD COLUMN hash bytea;
ALTER TABLE query_log ADD COLUMN seq bigint, ADD COLUMN prev_hash bytea, ADD COLUMN hash bytea;

CREATE TABLE log_checkpoints (
    id         bigserial   PRIMARY KEY,
    seq        bigint      NOT NULL CHECK (seq >= 1),
    head_hash  bytea       NOT NULL CHECK (length(head_hash) = 32),
    entries    bigint      NOT NULL CHECK (entries >= 1),
    signed_at  timestamptz NOT NULL,
    -- X.509 SubjectPublicKeyInfo of the Ed25519 key that signed (each gateway instance has its own)
    public_key bytea       NOT NULL,
    signature  bytea       NOT NULL CHECK (length(signature) = 64),
    UNIQUE (seq, public_key)
);

-- ---------------------------------------------------------------------------------------------------------
-- Canonical content. Plain SQL functions without settings of their own, so that the planner inlines them into
-- one expression.

CREATE FUNCTION log_item(value text) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN value IS NULL THEN '\xffffffff'::bytea
                ELSE int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END
$$;

CREATE FUNCTION log_time_text(value timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(value AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- the row's own seq column is ignored: the trigger and the backfill pass the seq being assigned
CREATE FUNCTION collection_log_content(entry_seq bigint, e collection_log) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT log_item('collection_log') || log_item(entry_seq::text) || log_item(e.id::text)
        || log_item(e.submission_id::text) || log_item(e.provider) || log_item(e.category) || log_item(e.channel)
        || log_item(e.received::text) || log_item(e.accepted::text) || log_item(e.rejected::text)
        || log_item(e.rejected_by_code::text) || log_item(e.outcome) || log_item(log_time_text(e.started_at))
        || log_item(log_time_text(e.logged_at))
$$;

CREATE FUNCTION query_log_content(entry_seq bigint, e query_log) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT log_item('query_log') || log_item(entry_seq::text) || log_item(e.id::text) || log_item(e.query_id::text)
        || log_item(e.client_id) || log_item(e.role) || log_item(e.channel) || log_item(e.reason)
        || log_item(e.on_behalf_of) || log_item(array_to_json(e.subjects)::text)
        || log_item(array_to_json(e.categories)::text) || log_item(log_time_text(e.logged_at))
$$;

-- ---------------------------------------------------------------------------------------------------------
-- Chain the entries logged before this migration, in the order they were logged

DO $$
DECLARE
    previous bytea := decode(repeat('00', 32), 'hex');
    next_seq bigint := 0;
    entry record;
BEGIN
    FOR entry IN
        SELECT 'collection_log' AS log, id, logged_at FROM collection_log
        UNION ALL
        SELECT 'query_log', id, logged_at FROM query_log
        ORDER BY logged_at, log, id
    LOOP
        next_seq := next_seq + 1;
        IF entry.log = 'collection_log' THEN
            UPDATE collection_log c SET seq = next_seq, prev_hash = previous,
                                        hash = sha256(previous || collection_log_content(next_seq, c))
            WHERE c.id = entry.id RETURNING c.hash INTO previous;
        ELSE
            UPDATE query_log q SET seq = next_seq, prev_hash = previous,
                                   hash = sha256(previous || query_log_content(next_seq, q))
            WHERE q.id = entry.id RETURNING q.hash INTO previous;
        END IF;
    END LOOP;
    UPDATE log_chain SET seq = next_seq, hash = previous;
END $$;

ALTER TABLE collection_log
    ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL,
    ADD CONSTRAINT collection_log_seq_unique UNIQUE (seq);
ALTER TABLE query_log
    ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL,
    ADD CONSTRAINT query_log_seq_unique UNIQUE (seq);

-- ---------------------------------------------------------------------------------------------------------
-- Chaining on insert, in three steps per INSERT (or COPY) statement on either log:
--   1. BEFORE, for the statement: lock the head. Every writer of either log queues there behind the current one
--      until it commits, so the chain order is the commit order, and only the lock holder can have entries
--      past the head.
--   2. BEFORE, for each row: chain the entry after the end of the chain, which is the head or the last entry
--      this statement chained before (a statement can insert into both logs, through a data-modifying WITH).
--   3. AFTER, for the statement: move the head to the end of the chain.
-- Moving the head once per entry would leave a row version per entry of a group-commit insert, each found again
-- by the next entry: quadratic in the batch size. A rolled-back insert rolls the head back with it.
-- SECURITY DEFINER: the triggers lock and move the head, which the application role may not.

CREATE FUNCTION log_chain_lock() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    PERFORM 1 FROM log_chain FOR UPDATE;
    RETURN NULL;
END
$$;

CREATE FUNCTION log_chain_entry() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    end_seq bigint;
    end_hash bytea;
    later_seq bigint;
    later_hash bytea;
BEGIN
    -- the end of the chain (written out rather than called: this runs for every entry)
    SELECT seq, hash INTO STRICT end_seq, end_hash FROM log_chain;
    SELECT seq, hash INTO later_seq, later_hash FROM query_log WHERE seq > end_seq ORDER BY seq DESC LIMIT 1;
    IF later_seq IS NOT NULL THEN
        end_seq := later_seq;
        end_hash := later_hash;
    END IF;
    SELECT seq, hash INTO later_seq, later_hash FROM collection_log WHERE seq > end_seq ORDER BY seq DESC LIMIT 1;
    IF later_seq IS NOT NULL THEN
        end_seq := later_seq;
        end_hash := later_hash;
    END IF;

    NEW.seq := end_seq + 1;
    NEW.prev_hash := end_hash;
    IF TG_TABLE_NAME = 'collection_log' THEN
        NEW.hash := sha256(end_hash || collection_log_content(NEW.seq, NEW));
    ELSE
        NEW.hash := sha256(end_hash || query_log_content(NEW.seq, NEW));
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION log_chain_move_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    end_seq bigint;
    end_hash bytea;
BEGIN
    SELECT e.seq, e.hash INTO end_seq, end_hash
    FROM ((SELECT seq, hash FROM collection_log WHERE seq > (SELECT seq FROM log_chain) ORDER BY seq DESC LIMIT 1)
          UNION ALL
          (SELECT seq, hash FROM query_log WHERE seq > (SELECT seq FROM log_chain) ORDER BY seq DESC LIMIT 1)) e
    ORDER BY e.seq DESC
    LIMIT 1;
    IF end_seq IS NOT NULL THEN
        UPDATE log_chain SET seq = end_seq, hash = end_hash;
    END IF;
    RETURN NULL;
END
$$;

-- the head only ever moves forward
CREATE FUNCTION log_chain_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq <= OLD.seq OR NEW.id <> OLD.id THEN
        RAISE EXCEPTION 'log_chain only moves forward (seq % to %)', OLD.seq, NEW.seq
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

-- A SECURITY DEFINER function must not resolve names through a schema its callers can write, such as their
-- temporary schema: the triggers' functions look in the system catalog first, then in the schema of the tables,
-- and in the temporary schema last. (The content functions they call run with that path too.)
DO $$
DECLARE
    schema_name text := current_schema();
    function_name text;
BEGIN
    FOREACH function_name IN ARRAY ARRAY['log_chain_lock', 'log_chain_entry', 'log_chain_move_head',
            'log_chain_advance_only', 'log_refuse_change']
    LOOP
        EXECUTE format('ALTER FUNCTION %I.%I() SET search_path = pg_catalog, %I, pg_temp',
                       schema_name, function_name, schema_name);
    END LOOP;
END $$;

CREATE TRIGGER collection_log_lock_head BEFORE INSERT ON collection_log
    FOR EACH STATEMENT EXECUTE FUNCTION log_chain_lock();
CREATE TRIGGER collection_log_chain BEFORE INSERT ON collection_log
    FOR EACH ROW EXECUTE FUNCTION log_chain_entry();
CREATE TRIGGER collection_log_move_head AFTER INSERT ON collection_log
    FOR EACH STATEMENT EXECUTE FUNCTION log_chain_move_head();

CREATE TRIGGER query_log_lock_head BEFORE INSERT ON query_log
    FOR EACH STATEMENT EXECUTE FUNCTION log_chain_lock();
CREATE TRIGGER query_log_chain BEFORE INSERT ON query_log
    FOR EACH ROW EXECUTE FUNCTION log_chain_entry();
CREATE TRIGGER query_log_move_head AFTER INSERT ON query_log
    FOR EACH STATEMENT EXECUTE FUNCTION log_chain_move_head();

-- ALWAYS: these fire even with session_replication_role = replica
CREATE TRIGGER collection_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON collection_log
    FOR EACH STATEMENT EXECUTE FUNCTION log_refuse_change();
ALTER TABLE collection_log ENABLE ALWAYS TRIGGER collection_log_append_only;
CREATE TRIGGER query_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON query_log
    FOR EACH STATEMENT EXECUTE FUNCTION log_refuse_change();
ALTER TABLE query_log ENABLE ALWAYS TRIGGER query_log_append_only;
CREATE TRIGGER log_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON log_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION log_refuse_change();
ALTER TABLE log_checkpoints ENABLE ALWAYS TRIGGER log_checkpoints_append_only;
CREATE TRIGGER log_chain_keeps_its_row BEFORE INSERT OR DELETE OR TRUNCATE ON log_chain
    FOR EACH STATEMENT EXECUTE FUNCTION log_refuse_change();
ALTER TABLE log_chain ENABLE ALWAYS TRIGGER log_chain_keeps_its_row;
CREATE TRIGGER log_chain_advance_only BEFORE UPDATE ON log_chain
    FOR EACH ROW EXECUTE FUNCTION log_chain_advance_only();
ALTER TABLE log_chain ENABLE ALWAYS TRIGGER log_chain_advance_only;

-- ---------------------------------------------------------------------------------------------------------
-- The application role

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'creditgate_app') THEN
        BEGIN
            CREATE ROLE creditgate_app NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            -- roles belong to the whole server: another database's migration created it meanwhile
            NULL;
        END;
    END IF;
    -- PostgreSQL 16 separates membership from the right to SET ROLE (a role's creator gets only the former)
    IF current_setting('server_version_num')::int >= 160000 THEN
        IF NOT pg_has_role(current_user, 'creditgate_app', 'SET') THEN
            EXECUTE format('GRANT creditgate_app TO %I WITH SET TRUE', current_user);
        END IF;
    ELSIF NOT pg_has_role(current_user, 'creditgate_app', 'MEMBER') THEN
        EXECUTE format('GRANT creditgate_app TO %I', current_user);
    END IF;
END $$;

DO $$
DECLARE
    schema_name text := current_schema();
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO creditgate_app', schema_name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO creditgate_app',
                   schema_name);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO creditgate_app', schema_name);
    -- tables of later migrations (run by the same user) are the application's too
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES '
                   'TO creditgate_app', schema_name);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO creditgate_app',
                   schema_name);
    IF to_regclass(format('%I.flyway_schema_history', schema_name)) IS NOT NULL THEN
        EXECUTE format('REVOKE ALL ON %I.flyway_schema_history FROM creditgate_app', schema_name);
    END IF;
END $$;

REVOKE UPDATE, DELETE, TRUNCATE ON collection_log, query_log, log_checkpoints FROM creditgate_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON log_chain FROM creditgate_app;
