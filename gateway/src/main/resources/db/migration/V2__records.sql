-- Credit records, versioned and append-only: every upsert that changes content, every revoke and every repair
-- is a new row; nothing is updated or deleted. The current state of a record is its highest version.
--
-- A record is identified by (provider, category, record_id): record ids are the provider's own, so one provider
-- can never address, overwrite or revoke another provider's record.

CREATE TABLE record_versions (
    provider      text        NOT NULL,
    category      text        NOT NULL,
    record_id     text        NOT NULL,
    version       integer     NOT NULL CHECK (version >= 1),
    action        text        NOT NULL CHECK (action IN ('upsert', 'revoke', 'repair')),
    subject_type  text        NOT NULL CHECK (subject_type IN ('org', 'person')),
    subject_code  text        NOT NULL,
    -- the content of the last upsert (carried into revoke and repair versions, for the archive)
    data          jsonb       NOT NULL,
    -- SHA-256 of the last upsert's subject and data: an identical resubmission is recognised without reading data
    content_hash  bytea       NOT NULL,
    -- the dates the disclosure period is computed from (catalog: period_starts_from, period_ends_at)
    period_start  date,
    period_end    date,
    submission_id uuid        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, category, record_id, version)
);

-- the lookup path: the current versions of a set of subjects in one indexed query
CREATE INDEX record_versions_by_subject ON record_versions (subject_code);

-- one row per submission: who sent what, when, how, and how much of it was accepted (归集日志)
CREATE TABLE collection_log (
    id            bigserial   PRIMARY KEY,
    submission_id uuid        NOT NULL UNIQUE,
    provider      text        NOT NULL,
    category      text        NOT NULL,
    channel       text        NOT NULL,
    received      bigint      NOT NULL CHECK (received >= 0),
    accepted      bigint      NOT NULL CHECK (accepted >= 0),
    rejected      bigint      NOT NULL CHECK (rejected >= 0),
    -- refusals by error code: refused submissions are logged too (collecting prohibited data is itself a violation)
    rejected_by_code jsonb    NOT NULL DEFAULT '{}',
    -- complete: the whole body was read; interrupted: the connection broke, the counts are what was committed
    outcome       text        NOT NULL CHECK (outcome IN ('complete', 'interrupted')),
    started_at    timestamptz NOT NULL,
    logged_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX collection_log_by_provider ON collection_log (provider, logged_at);
