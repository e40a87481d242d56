-- Supervision and wellbeing of peer workers.
-- A required frequency per role description (role_key) and kind of supervision.
CREATE TABLE supervision_requirements (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    role_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    every_weeks BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (role_key, kind)
);
-- Who supervises a peer worker, per kind. The supervisor is a user account: a colleague or a
-- manager of the organisation, or an external supervisor whose account has no role in it.
CREATE TABLE supervision_relations (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    peer_id TEXT NOT NULL REFERENCES peer_workers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    supervisor_user_id TEXT NOT NULL REFERENCES users (id),
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    created_by TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX supervision_relations_peer ON supervision_relations (peer_id);
CREATE INDEX supervision_relations_supervisor ON supervision_relations (supervisor_user_id);
-- Sessions, individual or group. The note of a professional session is confidential between
-- the supervisor and the supervisees who attended.
CREATE TABLE supervision_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    kind TEXT NOT NULL,
    format TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    duration_minutes BIGINT NOT NULL,
    supervisor_user_id TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    topics TEXT NOT NULL,
    note TEXT,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX supervision_sessions_org ON supervision_sessions (organisation_id, starts_at);
CREATE TABLE supervision_attendees (
    session_id TEXT NOT NULL REFERENCES supervision_sessions (id) ON DELETE CASCADE,
    peer_id TEXT NOT NULL REFERENCES peer_workers (id) ON DELETE CASCADE,
    attended BOOLEAN NOT NULL,
    PRIMARY KEY (session_id, peer_id)
);
CREATE INDEX supervision_attendees_peer ON supervision_attendees (peer_id);
-- One reminder per peer, kind and due date: running the reminders again queues nothing new.
CREATE TABLE supervision_reminders (
    peer_id TEXT NOT NULL REFERENCES peer_workers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    due_on TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (peer_id, kind, due_on)
);
-- Wellbeing check-ins: private to the peer unless shared with their professional supervisor.
CREATE TABLE wellbeing_check_ins (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    peer_id TEXT NOT NULL REFERENCES peer_workers (id) ON DELETE CASCADE,
    answered_at BIGINT NOT NULL,
    stress BIGINT NOT NULL,
    role_clarity BIGINT NOT NULL,
    support BIGINT NOT NULL,
    note TEXT,
    shared BOOLEAN NOT NULL
);
CREATE INDEX wellbeing_check_ins_peer ON wellbeing_check_ins (peer_id, answered_at);
CREATE INDEX wellbeing_check_ins_org ON wellbeing_check_ins (organisation_id, answered_at);
