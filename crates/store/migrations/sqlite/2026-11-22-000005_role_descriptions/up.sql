-- Role descriptions of peer workers. Versioned: a change adds a row with the next
-- version of the same role; the earlier versions stay as they were. Not personal data.
CREATE TABLE role_descriptions (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    role_key TEXT NOT NULL,
    version BIGINT NOT NULL,
    current BOOLEAN NOT NULL,
    title TEXT NOT NULL,
    purpose TEXT NOT NULL,
    tasks TEXT NOT NULL,
    setting TEXT NOT NULL,
    functions TEXT NOT NULL,
    engagement TEXT NOT NULL,
    hours_per_week DOUBLE PRECISION NOT NULL,
    term TEXT NOT NULL,
    competences TEXT NOT NULL,
    training TEXT NOT NULL,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (role_key, version)
);
CREATE INDEX role_descriptions_org ON role_descriptions (organisation_id, current);
