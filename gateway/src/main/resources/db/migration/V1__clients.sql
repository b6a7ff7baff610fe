-- Clients of the gateway (providers, agencies, portals, operators...) and their API keys.
-- Keys are stored only as SHA-256 hashes; a rotated key is revoked, never deleted, so the log can name it.

CREATE TABLE clients (
    id                  text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name                text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role                text        NOT NULL CHECK (role IN ('provider', 'public', 'government', 'agency',
                                                             'judicial', 'portal', 'admin')),
    categories          text[]      NOT NULL DEFAULT '{}',
    requests_per_second integer     CHECK (requests_per_second > 0),
    subjects_per_day    integer     CHECK (subjects_per_day > 0),
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    key_hash   bytea       PRIMARY KEY CHECK (length(key_hash) = 32),
    client_id  text        NOT NULL REFERENCES clients (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE INDEX api_keys_active_by_client ON api_keys (client_id) WHERE revoked_at IS NULL;
