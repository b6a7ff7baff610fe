-- Fresh planner statistics for record_versions after bulk collection.
--
-- Lookups read current versions with subject_code = ANY($1). Without statistics the planner guesses that each
-- code matches half a percent of the table: right after providers have loaded millions of records into a table
-- last analyzed when it was small (or never), a 1000-subject lookup becomes a parallel scan of the whole table,
-- seconds instead of milliseconds, until autovacuum gets round to analyzing it (a minute or more after the load,
-- and later still on a busy server). Measured in the platform benchmark: 2.26 million records ingested in 45 s,
-- not analyzed 90 s later, record loads of 2–6 s each.
--
-- The gateway calls this every few seconds (org.creditgate.collect.RecordStatistics). It analyzes the table when
-- more than a tenth of it (and at least 10,000 rows) changed since the last analysis, as autovacuum would, but at
-- once. One instance at a time; the others return at once.
CREATE FUNCTION record_versions_refresh_statistics() RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    changed bigint;
    live bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('creditgate.record_versions_statistics')) THEN
        RETURN false;
    END IF;
    SELECT s.n_mod_since_analyze, s.n_live_tup INTO changed, live
      FROM pg_stat_user_tables s WHERE s.relid = 'record_versions'::regclass;
    IF changed IS NULL OR changed < 10000 OR changed < live / 10 THEN
        RETURN false;
    END IF;
    ANALYZE record_versions;
    RETURN true;
END
$$;

REVOKE EXECUTE ON FUNCTION record_versions_refresh_statistics() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_versions_refresh_statistics() TO creditgate_app;
