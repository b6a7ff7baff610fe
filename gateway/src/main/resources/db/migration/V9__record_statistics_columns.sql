-- Planner statistics of record_versions only for the columns queries select rows by.
--
-- While providers load records, the table is analyzed every time a tenth of it has changed (V8). Most of that
-- work went into columns no query filters, joins or groups on: above all the jsonb data, whose sample values
-- are detoasted and sorted to compute most-common values and a histogram nobody reads. On a 200,000-row table
-- ANALYZE took about 290 ms with every column, 125 ms with these eight left out; in the ingest benchmark the two
-- analyses that fell inside the measured phase had cost about as much PostgreSQL time as the remaining gap to
-- COPY.
--
-- Kept: subject_code (lookups: subject_code = ANY), provider, category, record_id and version (the heads of a
-- batch, the DISTINCT ON of a lookup, the existence check of an objection).
ALTER TABLE record_versions
    ALTER COLUMN action SET STATISTICS 0,
    ALTER COLUMN subject_type SET STATISTICS 0,
    ALTER COLUMN data SET STATISTICS 0,
    ALTER COLUMN content_hash SET STATISTICS 0,
    ALTER COLUMN period_start SET STATISTICS 0,
    ALTER COLUMN period_end SET STATISTICS 0,
    ALTER COLUMN submission_id SET STATISTICS 0,
    ALTER COLUMN created_at SET STATISTICS 0;
