-- Subjects looked up per client per Asia/Shanghai calendar day, shared by every gateway instance. Instances lease
-- blocks of quota (used counts what is leased), so the hot path rarely touches this table; unused leases are
-- given back within about a second of going idle, so no instance sits on quota another one needs.
CREATE TABLE quota_usage (
    client_id text   NOT NULL,
    day       date   NOT NULL,
    used      bigint NOT NULL CHECK (used >= 0),
    PRIMARY KEY (client_id, day)
);
