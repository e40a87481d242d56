-- Group courses (gruppeforløb) and open events such as a recovery café:
-- facilitating peers, meetings, enrolment and attendance. Keep in step with
-- migrations/postgres: a test compares them.

-- A group of an organisation. kind: course (participants enrol) or open_event (anyone comes;
-- only an anonymous head count is kept). status: planned, running, ended.
CREATE TABLE group_courses (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    programme_id TEXT REFERENCES programmes (id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    mode TEXT NOT NULL,
    place TEXT,
    capacity BIGINT,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX group_courses_org ON group_courses (organisation_id, status, name);

-- The peer workers who facilitate a group.
CREATE TABLE group_facilitators (
    group_id TEXT NOT NULL REFERENCES group_courses (id) ON DELETE CASCADE,
    peer_id TEXT NOT NULL REFERENCES peer_workers (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, peer_id)
);
CREATE INDEX group_facilitators_peer ON group_facilitators (peer_id);

-- A meeting, starting at a UTC instant (µs). anonymous_count: an open event's head count.
CREATE TABLE group_meetings (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES group_courses (id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    duration_minutes BIGINT NOT NULL,
    place TEXT,
    status TEXT NOT NULL,
    anonymous_count BIGINT,
    note TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX group_meetings_group ON group_meetings (group_id, starts_at);
CREATE INDEX group_meetings_starts ON group_meetings (starts_at);

-- A participant's place in a group course. Leaving sets left_at; the row stays as history.
CREATE TABLE group_enrolments (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES group_courses (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    enrolled_at BIGINT NOT NULL,
    left_at BIGINT
);
CREATE INDEX group_enrolments_group ON group_enrolments (group_id, enrolled_at);
CREATE INDEX group_enrolments_participant ON group_enrolments (participant_id);

-- Whether an enrolled participant came to a meeting.
CREATE TABLE group_attendance (
    meeting_id TEXT NOT NULL REFERENCES group_meetings (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    present BOOLEAN NOT NULL,
    PRIMARY KEY (meeting_id, participant_id)
);
CREATE INDEX group_attendance_participant ON group_attendance (participant_id);
