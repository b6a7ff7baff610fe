-- Tamper-evident logs (DOMAIN.md "Logs": append-only, any tampering detectable), partitioned by month.
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
-- of one item per field, in the order listed below.
--   a text item   is the value's text in UTF-8 preceded by its byte length as a 4-byte big-endian signed integer;
--                 NULL is the length -1 (ff ff ff ff) with no bytes
--   an array item is its element count (4 bytes, big-endian) followed by one text item per element; NULL is -1
-- and the text of
--   a number      is its decimal form (bigint::text)
--   a uuid        its lower-case hyphenated form (uuid::text)
--   a jsonb       PostgreSQL's text output of it (jsonb::text)
--   a timestamptz the UTC time to the microsecond, to_char(x AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
--                 e.g. 2026-05-01T00:00:00.500000Z (independent of the session's TimeZone and DateStyle)
-- The fields are
--   collection_log: 'collection_log', seq, id, submission_id, provider, category, channel, received, accepted,
--                   rejected, rejected_by_code, outcome, started_at, logged_at
--   query_log:      'query_log', seq, id, query_id, client_id, role, channel, reason, on_behalf_of, subjects
--                   (array), categories (array), logged_at
-- Length prefixes make the encoding unambiguous: no value can borrow bytes from its neighbour, whatever it holds.
-- A column added to a log later is outside the chain until both this definition and the Java one include it.
--
-- Signed checkpoints: log_checkpoints keeps, every few minutes, the head (seq, hash) signed with the gateway's
-- Ed25519 key (org.creditgate.audit.CheckpointSigner documents the signed bytes). Rewriting the chain behind a
-- checkpoint then needs that key as well as the database.
--
-- Retention: the logs are partitioned by month (Asia/Shanghai); the retention job drops the oldest months whole,
-- through log_drop_prefix, which records an anchor (the last dropped entry's seq and hash, signed like a
-- checkpoint) from which verification of the rest starts.
--
-- Privileges: the gateway's pool runs as the role creditgate_app (SET ROLE on every connection), which may only
-- SELECT and INSERT the logs and the checkpoints, and only SELECT the head and the anchors. Triggers refuse UPDATE,
-- DELETE and TRUNCATE of the logs, checkpoints and anchors to everyone, the owner included. On an external
-- database the login user must be a member of creditgate_app; this migration makes it one when it may
-- (superuser, or the role's creator), else a DBA runs:
--   CREATE ROLE creditgate_app NOLOGIN; GRANT creditgate_app TO <login user>;

-- ---------------------------------------------------------------------------------------------------------
-- The application role first: the partition function below revokes its rights on every partition it creates

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

-- ---------------------------------------------------------------------------------------------------------
-- The head, checkpoints and anchors

CREATE TABLE log_chain (
    -- a single row: the head of the chain
    id   boolean PRIMARY KEY DEFAULT true CHECK (id),
    seq  bigint  NOT NULL CHECK (seq >= 0),
    hash bytea   NOT NULL CHECK (length(hash) = 32)
);

INSERT INTO log_chain (seq, hash) VALUES (0, decode(repeat('00', 32), 'hex'));

CREATE TABLE log_checkpoints (
    id         bigserial   PRIMARY KEY,
    seq        bigint      NOT NULL CHECK (seq >= 1),
    head_hash  bytea       NOT NULL CHECK (length(head_hash) = 32),
    entries    bigint      NOT NULL CHECK (entries >= 1),
    signed_at  timestamptz NOT NULL,
    -- X.509 SubjectPublicKeyInfo of the Ed25519 key that signed
    public_key bytea       NOT NULL,
    signature  bytea       NOT NULL CHECK (length(signature) = 64),
    UNIQUE (seq, public_key)
);

-- Where the retained chain starts: each time retention drops the oldest months, the last dropped entry's seq and
-- hash, signed like a checkpoint. Verification starts from the newest anchor instead of from nothing.
CREATE TABLE log_anchors (
    id         bigserial   PRIMARY KEY,
    seq        bigint      NOT NULL UNIQUE CHECK (seq >= 1),
    hash       bytea       NOT NULL CHECK (length(hash) = 32),
    entries    bigint      NOT NULL CHECK (entries >= 1),
    signed_at  timestamptz NOT NULL,
    public_key bytea       NOT NULL,
    signature  bytea       NOT NULL CHECK (length(signature) = 64),
    -- the months dropped with it (first day, Asia/Shanghai)
    months     date[]      NOT NULL
);

-- the months that have partitions (first day of the month in Asia/Shanghai); written only by the functions below
CREATE TABLE log_partitions (
    month      date        PRIMARY KEY CHECK (extract(day FROM month) = 1),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------------------------------------------------
-- Canonical content. Plain SQL functions, STABLE as what they call (convert_to, to_char) is, so that the planner
-- inlines them into one expression in the chain trigger; arrays need a loop, in PL/pgSQL.

CREATE FUNCTION log_text_item(value text) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN value IS NULL THEN '\xffffffff'::bytea
                ELSE int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END
$$;

CREATE FUNCTION log_array_item(items text[]) RETURNS bytea LANGUAGE plpgsql STABLE AS $$
DECLARE
    encoded bytea;
    item text;
BEGIN
    IF items IS NULL THEN
        RETURN '\xffffffff'::bytea;
    END IF;
    encoded := int4send(coalesce(cardinality(items), 0));
    FOREACH item IN ARRAY items LOOP
        encoded := encoded || log_text_item(item);
    END LOOP;
    RETURN encoded;
END
$$;

CREATE FUNCTION log_time_text(value timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(value AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

CREATE FUNCTION collection_log_content(seq bigint, id bigint, submission_id uuid, provider text, category text,
                                       channel text, received bigint, accepted bigint, rejected bigint,
                                       rejected_by_code jsonb, outcome text, started_at timestamptz,
                                       logged_at timestamptz) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT log_text_item('collection_log') || log_text_item(seq::text) || log_text_item(id::text)
        || log_text_item(submission_id::text) || log_text_item(provider) || log_text_item(category)
        || log_text_item(channel) || log_text_item(received::text) || log_text_item(accepted::text)
        || log_text_item(rejected::text) || log_text_item(rejected_by_code::text) || log_text_item(outcome)
        || log_text_item(log_time_text(started_at)) || log_text_item(log_time_text(logged_at))
$$;

CREATE FUNCTION query_log_content(seq bigint, id bigint, query_id uuid, client_id text, role text, channel text,
                                  reason text, on_behalf_of text, subjects text[], categories text[],
                                  logged_at timestamptz) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT log_text_item('query_log') || log_text_item(seq::text) || log_text_item(id::text)
        || log_text_item(query_id::text) || log_text_item(client_id) || log_text_item(role)
        || log_text_item(channel) || log_text_item(reason) || log_text_item(on_behalf_of)
        || log_array_item(subjects) || log_array_item(categories) || log_text_item(log_time_text(logged_at))
$$;

-- ---------------------------------------------------------------------------------------------------------
-- The logs, partitioned by month (Asia/Shanghai). The tables of V2 and V3 are replaced; their entries are copied
-- into the new ones, and chained, below.

ALTER TABLE collection_log RENAME TO collection_log_unchained;
ALTER TABLE query_log RENAME TO query_log_unchained;
DROP INDEX collection_log_by_provider;
DROP INDEX query_log_by_subject;
DROP INDEX query_log_by_client;

CREATE TABLE collection_log (
    id               bigserial   NOT NULL,
    submission_id    uuid        NOT NULL,
    provider         text        NOT NULL,
    category         text        NOT NULL,
    channel          text        NOT NULL,
    received         bigint      NOT NULL CHECK (received >= 0),
    accepted         bigint      NOT NULL CHECK (accepted >= 0),
    rejected         bigint      NOT NULL CHECK (rejected >= 0),
    rejected_by_code jsonb       NOT NULL DEFAULT '{}',
    outcome          text        NOT NULL CHECK (outcome IN ('complete', 'interrupted')),
    started_at       timestamptz NOT NULL,
    logged_at        timestamptz NOT NULL DEFAULT now(),
    seq              bigint      NOT NULL,
    prev_hash        bytea       NOT NULL,
    hash             bytea       NOT NULL
) PARTITION BY RANGE (logged_at);

CREATE TABLE query_log (
    id           bigserial   NOT NULL,
    query_id     uuid        NOT NULL,
    client_id    text        NOT NULL,
    role         text        NOT NULL,
    channel      text        NOT NULL,
    reason       text,
    on_behalf_of text,
    subjects     text[]      NOT NULL,
    categories   text[]      NOT NULL,
    logged_at    timestamptz NOT NULL DEFAULT now(),
    seq          bigint      NOT NULL,
    prev_hash    bytea       NOT NULL,
    hash         bytea       NOT NULL
) PARTITION BY RANGE (logged_at);

-- A partitioned table's unique keys must include the partition key: id and the entry ids stay unique per month
-- only (they come from a sequence and gen_random_uuid), and seq's uniqueness is the verifier's to check.
ALTER TABLE collection_log ADD PRIMARY KEY (id, logged_at);
ALTER TABLE query_log ADD PRIMARY KEY (id, logged_at);
CREATE INDEX collection_log_by_seq ON collection_log (seq);
CREATE INDEX query_log_by_seq ON query_log (seq);
CREATE INDEX collection_log_by_submission ON collection_log (submission_id);
CREATE INDEX query_log_by_query ON query_log (query_id);
CREATE INDEX collection_log_by_provider ON collection_log (provider, logged_at);
-- a subject's query history; fastupdate batches index maintenance of the many codes per entry
CREATE INDEX query_log_by_subject ON query_log USING gin (subjects) WITH (fastupdate = on);
CREATE INDEX query_log_by_client ON query_log (client_id, logged_at);

-- ---------------------------------------------------------------------------------------------------------
-- Refusals: no UPDATE, DELETE or TRUNCATE, for anyone. Row triggers on the parents are cloned to every partition,
-- so they also hold for statements naming a partition. ALWAYS: they fire even with session_replication_role =
-- replica.

CREATE FUNCTION log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER collection_log_append_only BEFORE UPDATE OR DELETE ON collection_log
    FOR EACH ROW EXECUTE FUNCTION log_refuse_change();
ALTER TABLE collection_log ENABLE ALWAYS TRIGGER collection_log_append_only;
CREATE TRIGGER collection_log_no_truncate BEFORE TRUNCATE ON collection_log
    FOR EACH STATEMENT EXECUTE FUNCTION log_refuse_change();
ALTER TABLE collection_log ENABLE ALWAYS TRIGGER collection_log_no_truncate;
CREATE TRIGGER query_log_append_only BEFORE UPDATE OR DELETE ON query_log
    FOR EACH ROW EXECUTE FUNCTION log_refuse_change();
ALTER TABLE query_log ENABLE ALWAYS TRIGGER query_log_append_only;
CREATE TRIGGER query_log_no_truncate BEFORE TRUNCATE ON query_log
    FOR EACH STATEMENT EXECUTE FUNCTION log_refuse_change();
ALTER TABLE query_log ENABLE ALWAYS TRIGGER query_log_no_truncate;

CREATE TRIGGER log_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON log_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION log_refuse_change();
ALTER TABLE log_checkpoints ENABLE ALWAYS TRIGGER log_checkpoints_append_only;
CREATE TRIGGER log_anchors_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON log_anchors
    FOR EACH STATEMENT EXECUTE FUNCTION log_refuse_change();
ALTER TABLE log_anchors ENABLE ALWAYS TRIGGER log_anchors_append_only;
CREATE TRIGGER log_chain_keeps_its_row BEFORE INSERT OR DELETE OR TRUNCATE ON log_chain
    FOR EACH STATEMENT EXECUTE FUNCTION log_refuse_change();
ALTER TABLE log_chain ENABLE ALWAYS TRIGGER log_chain_keeps_its_row;

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
CREATE TRIGGER log_chain_advance_only BEFORE UPDATE ON log_chain
    FOR EACH ROW EXECUTE FUNCTION log_chain_advance_only();
ALTER TABLE log_chain ENABLE ALWAYS TRIGGER log_chain_advance_only;

-- ---------------------------------------------------------------------------------------------------------
-- Monthly partitions. The gateway calls log_ensure_partitions at start and daily for the months ahead; an entry
-- for a month without a partition cannot be written (the gateway answers 503 then, as for any log failure).

CREATE FUNCTION log_month_start(month date) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
    SELECT month::timestamp AT TIME ZONE 'Asia/Shanghai'
$$;

CREATE FUNCTION log_ensure_partitions(from_time timestamptz, through_time timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    each_month date := date_trunc('month', from_time AT TIME ZONE 'Asia/Shanghai')::date;
    last_month date := date_trunc('month', through_time AT TIME ZONE 'Asia/Shanghai')::date;
    log_name text;
    partition_name text;
    created integer := 0;
    -- the partitions go beside their parents (the search path of this function starts with pg_catalog)
    log_schema text := (SELECT relnamespace::regnamespace::text FROM pg_class WHERE oid = 'collection_log'::regclass);
BEGIN
    -- instances starting together: one makes the partitions, the others then find them
    PERFORM pg_advisory_xact_lock(hashtext('creditgate.log_partitions'));
    WHILE each_month <= last_month LOOP
        IF NOT EXISTS (SELECT 1 FROM log_partitions p WHERE p.month = each_month) THEN
            FOREACH log_name IN ARRAY ARRAY['collection_log', 'query_log'] LOOP
                partition_name := log_name || to_char(each_month, '"_y"YYYY"m"MM');
                EXECUTE format('CREATE TABLE %s.%I PARTITION OF %s.%I FOR VALUES FROM (%L) TO (%L)', log_schema,
                               partition_name, log_schema, log_name, log_month_start(each_month),
                               log_month_start((each_month + interval '1 month')::date));
                EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT '
                               'EXECUTE FUNCTION log_refuse_change()', partition_name || '_no_truncate',
                               partition_name);
                EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', partition_name,
                               partition_name || '_no_truncate');
                EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', partition_name, log_name || '_append_only');
                -- default privileges gave the application role every right on new tables: here it gets none,
                -- it reaches the entries through the parent only
                EXECUTE format('REVOKE ALL ON %I FROM creditgate_app', partition_name);
            END LOOP;
            INSERT INTO log_partitions (month) VALUES (each_month);
            created := created + 1;
        END IF;
        each_month := (each_month + interval '1 month')::date;
    END LOOP;
    RETURN created;
END
$$;

-- ---------------------------------------------------------------------------------------------------------
-- Chaining on insert. Every row is chained by a BEFORE trigger after the end of the chain, and the head is moved
-- there by an AFTER trigger once per statement (once per entry would leave a row version per entry of a
-- group-commit insert). The end of the chain lives in a transaction-local setting between the two: the first
-- entry of a transaction reads the head with FOR UPDATE (log_chain_end), so every writer of either log queues
-- there behind the current one until it commits, and the chain order is the commit order. A rolled-back insert
-- rolls back the setting and the head with it. (The setting can be set by anyone; a wrong one only breaks the
-- chain, which verification reports.)
--
-- The row trigger runs with its caller's rights and settings: a SECURITY DEFINER function, or one with a SET
-- clause, costs more per call (EXPLAIN ANALYZE, loaded machine: about 100 µs against 50-70 µs an entry), and this runs for
-- every entry. It names only functions of this migration, which resolve in this schema: functions are never looked
-- up in the temporary schema, and the application role may create objects in no schema. Only the two
-- once-per-transaction and once-per-statement functions need the owner's rights (locking and moving the head).

CREATE FUNCTION log_chain_end(OUT end_seq bigint, OUT end_hash bytea) LANGUAGE sql SECURITY DEFINER AS $$
    SELECT seq, hash FROM log_chain FOR UPDATE
$$;

CREATE FUNCTION log_chain_entry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    chain_end text := current_setting('creditgate.chain_end', true);
    end_seq bigint;
    end_hash bytea;
BEGIN
    IF chain_end IS NULL OR chain_end = '' THEN
        SELECT e.end_seq, e.end_hash INTO STRICT end_seq, end_hash FROM log_chain_end() e;
    ELSE
        end_seq := split_part(chain_end, ':', 1)::bigint;
        end_hash := decode(split_part(chain_end, ':', 2), 'hex');
    END IF;
    NEW.seq := end_seq + 1;
    NEW.prev_hash := end_hash;
    IF TG_ARGV[0] = 'collection_log' THEN
        NEW.hash := sha256(end_hash || collection_log_content(NEW.seq, NEW.id, NEW.submission_id, NEW.provider,
                NEW.category, NEW.channel, NEW.received, NEW.accepted, NEW.rejected, NEW.rejected_by_code,
                NEW.outcome, NEW.started_at, NEW.logged_at));
    ELSE
        NEW.hash := sha256(end_hash || query_log_content(NEW.seq, NEW.id, NEW.query_id, NEW.client_id, NEW.role,
                NEW.channel, NEW.reason, NEW.on_behalf_of, NEW.subjects, NEW.categories, NEW.logged_at));
    END IF;
    PERFORM set_config('creditgate.chain_end', NEW.seq || ':' || encode(NEW.hash, 'hex'), true);
    RETURN NEW;
END
$$;

CREATE FUNCTION log_chain_move_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    chain_end text := current_setting('creditgate.chain_end', true);
BEGIN
    IF chain_end IS NOT NULL AND chain_end <> '' THEN
        UPDATE log_chain SET seq = split_part(chain_end, ':', 1)::bigint,
                             hash = decode(split_part(chain_end, ':', 2), 'hex')
        WHERE seq < split_part(chain_end, ':', 1)::bigint;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER collection_log_chain BEFORE INSERT ON collection_log
    FOR EACH ROW EXECUTE FUNCTION log_chain_entry('collection_log');
CREATE TRIGGER collection_log_move_head AFTER INSERT ON collection_log
    FOR EACH STATEMENT EXECUTE FUNCTION log_chain_move_head();
CREATE TRIGGER query_log_chain BEFORE INSERT ON query_log
    FOR EACH ROW EXECUTE FUNCTION log_chain_entry('query_log');
CREATE TRIGGER query_log_move_head AFTER INSERT ON query_log
    FOR EACH STATEMENT EXECUTE FUNCTION log_chain_move_head();

-- ---------------------------------------------------------------------------------------------------------
-- Retention: the oldest months go whole, and only while they hold a prefix of the chain (an entry's logged_at is
-- its transaction's start, so around a month's end a later month may hold an earlier seq: then the month waits
-- for the next one). Dropping records an anchor, signed by the gateway, at the last dropped entry.

-- The months (through the returned one) that may go before `cutoff`, and the last entry they hold (NULL seq: they
-- hold none). No row: nothing may go.
CREATE FUNCTION log_expired_prefix(cutoff timestamptz, OUT through_month date, OUT last_seq bigint,
                                   OUT last_hash bytea) RETURNS SETOF record
    LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
DECLARE
    candidate date;
    boundary timestamptz;
    held_max bigint;
    rest_min bigint;
BEGIN
    FOR candidate IN SELECT p.month FROM log_partitions p
                     WHERE log_month_start((p.month + interval '1 month')::date) <= cutoff ORDER BY p.month LOOP
        boundary := log_month_start((candidate + interval '1 month')::date);
        SELECT max(e.seq) INTO held_max FROM (SELECT max(seq) AS seq FROM collection_log WHERE logged_at < boundary
                                              UNION ALL
                                              SELECT max(seq) FROM query_log WHERE logged_at < boundary) e;
        SELECT min(e.seq) INTO rest_min FROM (SELECT min(seq) AS seq FROM collection_log WHERE logged_at >= boundary
                                              UNION ALL
                                              SELECT min(seq) FROM query_log WHERE logged_at >= boundary) e;
        IF held_max IS NULL OR rest_min IS NULL OR held_max < rest_min THEN
            through_month := candidate;
            last_seq := held_max;
        END IF;
    END LOOP;
    IF through_month IS NOT NULL THEN
        last_hash := (SELECT hash FROM collection_log WHERE seq = last_seq
                      UNION ALL SELECT hash FROM query_log WHERE seq = last_seq LIMIT 1);
        RETURN NEXT;
    END IF;
END
$$;

-- Drops the months through `through_month`, after checking again, under the head's lock, that they hold exactly
-- the prefix ending at anchor_seq (NULL: no entries); records the anchor. Refuses months younger than two years
-- whatever the gateway's configuration says (the shortest period the regulations allow for any log).
CREATE FUNCTION log_drop_prefix(through_month date, anchor_seq bigint, anchor_hash bytea, signed_at timestamptz,
                                public_key bytea, signature bytea) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    boundary timestamptz := log_month_start((through_month + interval '1 month')::date);
    held_max bigint;
    rest_min bigint;
    dropped date[];
    gone_month date;
BEGIN
    IF boundary > now() - interval '2 years' THEN
        RAISE EXCEPTION 'log months younger than two years are kept (asked to drop through %)', through_month
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('creditgate.log_partitions'));
    PERFORM 1 FROM log_chain FOR UPDATE;
    SELECT max(e.seq) INTO held_max FROM (SELECT max(seq) AS seq FROM collection_log WHERE logged_at < boundary
                                          UNION ALL SELECT max(seq) FROM query_log WHERE logged_at < boundary) e;
    SELECT min(e.seq) INTO rest_min FROM (SELECT min(seq) AS seq FROM collection_log WHERE logged_at >= boundary
                                          UNION ALL SELECT min(seq) FROM query_log WHERE logged_at >= boundary) e;
    IF held_max IS DISTINCT FROM anchor_seq OR (rest_min IS NOT NULL AND rest_min <= held_max) THEN
        RAISE EXCEPTION 'the months through % are not the chain''s prefix through entry %', through_month, anchor_seq
            USING ERRCODE = 'serialization_failure';
    END IF;
    SELECT array_agg(p.month ORDER BY p.month) INTO dropped FROM log_partitions p WHERE p.month <= through_month;
    IF anchor_seq IS NOT NULL THEN
        IF NOT EXISTS (SELECT 1 FROM collection_log WHERE seq = anchor_seq AND hash = anchor_hash
                       UNION ALL SELECT 1 FROM query_log WHERE seq = anchor_seq AND hash = anchor_hash) THEN
            RAISE EXCEPTION 'entry % does not have the anchor''s hash', anchor_seq
                USING ERRCODE = 'serialization_failure';
        END IF;
        INSERT INTO log_anchors (seq, hash, entries, signed_at, public_key, signature, months)
        VALUES (anchor_seq, anchor_hash, anchor_seq, signed_at, public_key, signature, dropped);
    END IF;
    FOREACH gone_month IN ARRAY coalesce(dropped, '{}') LOOP
        EXECUTE format('DROP TABLE %I, %I', 'collection_log' || to_char(gone_month, '"_y"YYYY"m"MM'),
                       'query_log' || to_char(gone_month, '"_y"YYYY"m"MM'));
        DELETE FROM log_partitions p WHERE p.month = gone_month;
    END LOOP;
    RETURN coalesce(cardinality(dropped), 0);
END
$$;

-- A SECURITY DEFINER function must not resolve names through a schema its callers can write, such as their
-- temporary schema: these look in the system catalog first, then in the schema of the tables, the temporary
-- schema last.
DO $$
DECLARE
    schema_name text := current_schema();
    signature text;
BEGIN
    FOREACH signature IN ARRAY ARRAY['log_chain_end()', 'log_chain_move_head()', 'log_chain_advance_only()',
            'log_refuse_change()', 'log_ensure_partitions(timestamptz, timestamptz)',
            'log_expired_prefix(timestamptz)',
            'log_drop_prefix(date, bigint, bytea, timestamptz, bytea, bytea)']
    LOOP
        EXECUTE format('ALTER FUNCTION %I.%s SET search_path = pg_catalog, %I, pg_temp',
                       schema_name, signature, schema_name);
    END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------------------
-- The entries logged before this migration, chained in the order they were logged

SELECT log_ensure_partitions(
    least(now(), (SELECT min(logged_at) FROM collection_log_unchained), (SELECT min(logged_at) FROM query_log_unchained)),
    now() + interval '3 months');

DO $$
DECLARE
    entry record;
BEGIN
    FOR entry IN
        SELECT 'collection_log' AS log, id, logged_at FROM collection_log_unchained
        UNION ALL
        SELECT 'query_log', id, logged_at FROM query_log_unchained
        ORDER BY logged_at, log, id
    LOOP
        IF entry.log = 'collection_log' THEN
            INSERT INTO collection_log (id, submission_id, provider, category, channel, received, accepted, rejected,
                                        rejected_by_code, outcome, started_at, logged_at)
            SELECT id, submission_id, provider, category, channel, received, accepted, rejected, rejected_by_code,
                   outcome, started_at, logged_at
            FROM collection_log_unchained WHERE id = entry.id;
        ELSE
            INSERT INTO query_log (id, query_id, client_id, role, channel, reason, on_behalf_of, subjects, categories,
                                   logged_at)
            SELECT id, query_id, client_id, role, channel, reason, on_behalf_of, subjects, categories, logged_at
            FROM query_log_unchained WHERE id = entry.id;
        END IF;
    END LOOP;
END $$;

SELECT setval(pg_get_serial_sequence('collection_log', 'id'),
              coalesce((SELECT max(id) FROM collection_log_unchained), 0) + 1, false);
SELECT setval(pg_get_serial_sequence('query_log', 'id'),
              coalesce((SELECT max(id) FROM query_log_unchained), 0) + 1, false);
DROP TABLE collection_log_unchained, query_log_unchained;

-- ---------------------------------------------------------------------------------------------------------
-- The application role's rights

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

REVOKE UPDATE, DELETE, TRUNCATE ON collection_log, query_log, log_checkpoints, log_anchors FROM creditgate_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON log_chain, log_partitions FROM creditgate_app;
-- anchors are written by log_drop_prefix only
REVOKE INSERT ON log_anchors FROM creditgate_app;

-- the partitions are reached through their parents only
DO $$
DECLARE
    partition regclass;
BEGIN
    FOR partition IN SELECT inhrelid::regclass FROM pg_inherits
                     WHERE inhparent IN ('collection_log'::regclass, 'query_log'::regclass) LOOP
        EXECUTE format('REVOKE ALL ON %s FROM creditgate_app', partition);
    END LOOP;
END $$;

REVOKE EXECUTE ON FUNCTION log_chain_end(), log_ensure_partitions(timestamptz, timestamptz), log_expired_prefix(timestamptz),
    log_drop_prefix(date, bigint, bytea, timestamptz, bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION log_chain_end(), log_ensure_partitions(timestamptz, timestamptz), log_expired_prefix(timestamptz),
    log_drop_prefix(date, bigint, bytea, timestamptz, bytea, bytea) TO creditgate_app;
