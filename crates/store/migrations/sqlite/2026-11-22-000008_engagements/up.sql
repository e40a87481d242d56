-- A peer worker's engagements: volunteer agreements and employments, with hours,
-- term, part-time and dates. Personal data of the peer worker; an engagement ends, it is not
-- rewritten, so the record shows the history.
CREATE TABLE engagements (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    peer_id TEXT NOT NULL REFERENCES peer_workers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    hours_per_week DOUBLE PRECISION NOT NULL,
    part_time BOOLEAN NOT NULL,
    term TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    signed_on TEXT,
    note TEXT,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX engagements_peer ON engagements (peer_id, starts_on);
