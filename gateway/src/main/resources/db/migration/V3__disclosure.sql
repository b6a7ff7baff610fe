-- Disclosure: the subject's authorizations of agencies, objections to records, and the query log.

-- A subject authorizes an agency to see its `authorized` fields of some categories (empty: all) until expires_at.
CREATE TABLE authorizations (
    id           uuid        PRIMARY KEY,
    subject_code text        NOT NULL,
    grantee      text        NOT NULL REFERENCES clients (id),
    categories   text[]      NOT NULL DEFAULT '{}',
    expires_at   timestamptz NOT NULL,
    evidence     text,
    granted_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    revoked_by   text
);

CREATE INDEX authorizations_in_force ON authorizations (grantee, subject_code) WHERE revoked_at IS NULL;
CREATE INDEX authorizations_by_subject ON authorizations (subject_code);

-- A subject disputes a record (异议). While open the record is flagged or withheld; `deleted` ends its disclosure.
CREATE TABLE objections (
    id           uuid        PRIMARY KEY,
    subject_code text        NOT NULL,
    category     text        NOT NULL,
    record_id    text        NOT NULL,
    reason       text        NOT NULL,
    filed_by     text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('open', 'upheld', 'corrected', 'deleted')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at  timestamptz,
    resolved_by  text
);

CREATE INDEX objections_by_subject ON objections (subject_code);

-- Every lookup (查询日志): who, when, how, why, which subjects, which categories came back. Written before the
-- answer is sent; many requests' entries per insert (group commit).
CREATE TABLE query_log (
    id           bigserial   PRIMARY KEY,
    query_id     uuid        NOT NULL UNIQUE,
    client_id    text        NOT NULL,
    role         text        NOT NULL,
    channel      text        NOT NULL,
    reason       text,
    on_behalf_of text,
    subjects     text[]      NOT NULL,
    categories   text[]      NOT NULL,
    logged_at    timestamptz NOT NULL DEFAULT now()
);

-- a subject's query history; fastupdate batches index maintenance of the many codes per entry
CREATE INDEX query_log_by_subject ON query_log USING gin (subjects) WITH (fastupdate = on);
CREATE INDEX query_log_by_client ON query_log (client_id, logged_at);
