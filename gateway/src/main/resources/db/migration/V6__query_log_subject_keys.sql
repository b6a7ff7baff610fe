-- The query log's subject index, made cheaper to keep up: every lookup adds up to 1000 subject codes to it, so on
-- the lookup path it cost PostgreSQL more than anything else. Nothing about what the log holds changes.
--
-- The index keys are 64-bit hashes of the codes instead of the codes: smaller, and compared as integers rather than
-- as text under a collation. A query by subject finds the entries whose keys hold the code's hash through the index
-- and checks the code itself on each (two codes may share a hash):
--   WHERE query_log_subject_keys(subjects) @> ARRAY[hashtextextended($1, 0)] AND subjects @> ARRAY[$1]::text[]
CREATE FUNCTION query_log_subject_keys(subjects text[]) RETURNS bigint[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT array_agg(hashtextextended(code, 0)) FROM unnest(subjects) AS code $$;

DROP INDEX IF EXISTS query_log_by_subject;
CREATE INDEX query_log_by_subject_key ON query_log USING gin (query_log_subject_keys(subjects)) WITH (fastupdate = on);

-- An entry's codes (about 19 KB for 1000 subjects) are stored out of line as they are: trying to compress short
-- distinct codes cost more CPU per insert than the index row itself, for little space.
ALTER TABLE query_log ALTER COLUMN subjects SET STORAGE EXTERNAL;
