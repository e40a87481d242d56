-- The participant's journey: referrals and consent, wishes for a peer, the peer's
-- matching profile, courses of support with sessions and goals. Keep in step with
-- migrations/postgres: a test compares them.

-- A referral: from a partner organisation's referrer, the public self-referral form, or
-- internal intake. It creates the participant (status waiting); a declined referral deletes
-- the participant again and keeps only its own status, which is all a referrer ever sees.
CREATE TABLE referrals (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    programme_id TEXT REFERENCES programmes (id),
    participant_id TEXT REFERENCES participants (id) ON DELETE SET NULL,
    source TEXT NOT NULL,
    referrer_org_id TEXT REFERENCES organisations (id),
    referrer_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT,
    status TEXT NOT NULL,
    decided_by TEXT,
    decided_at BIGINT,
    decision_note TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX referrals_org ON referrals (organisation_id, status, created_at);
CREATE INDEX referrals_referrer ON referrals (referrer_user_id, created_at);
CREATE INDEX referrals_participant ON referrals (participant_id);

-- Recorded consent: to what purpose, covering which data, seen by whom, until when.
-- Withdrawal is a timestamp on the row, never a deletion: the record shows both.
CREATE TABLE consents (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    scope TEXT NOT NULL,
    audience TEXT NOT NULL,
    method TEXT NOT NULL,
    given_at BIGINT NOT NULL,
    valid_until TEXT,
    recorded_by TEXT,
    withdrawn_at BIGINT,
    withdrawn_by TEXT,
    withdrawal_note TEXT
);
CREATE INDEX consents_participant ON consents (participant_id, purpose);

-- What a participant wishes of a peer, and their place on the programme's waiting list.
CREATE TABLE participant_wishes (
    participant_id TEXT PRIMARY KEY NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    topics TEXT NOT NULL,
    modes TEXT NOT NULL,
    peer_gender TEXT NOT NULL,
    locality TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    max_distance_km DOUBLE PRECISION,
    availability TEXT NOT NULL,
    goals TEXT,
    excluded_peers TEXT NOT NULL,
    waiting_since BIGINT,
    priority BOOLEAN NOT NULL,
    updated_at BIGINT NOT NULL
);

-- A peer worker's matching profile. Areas of lived experience are special-category data:
-- stored only while topics_consent_at says the peer has consented. The presentation is the
-- peer's own words about their background; the disclosure preference says who sees it.
CREATE TABLE peer_profiles (
    peer_id TEXT PRIMARY KEY NOT NULL REFERENCES peer_workers (id) ON DELETE CASCADE,
    topics TEXT NOT NULL,
    topics_consent_at BIGINT,
    disclosure TEXT NOT NULL,
    presentation TEXT,
    gender TEXT,
    locality TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    capacity BIGINT NOT NULL,
    availability TEXT NOT NULL,
    calendar_token_hash TEXT UNIQUE,
    calendar_token_at BIGINT,
    updated_at BIGINT NOT NULL
);

-- A course of support (forløb) between a participant and a peer. `offer` is the peer's
-- answer to the coordinator's approved match; a handover ends one course and starts the
-- next with handed_over_from pointing back, so the history stays.
CREATE TABLE courses (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    programme_id TEXT REFERENCES programmes (id),
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    peer_id TEXT NOT NULL REFERENCES peer_workers (id),
    status TEXT NOT NULL,
    offer TEXT NOT NULL,
    match_score DOUBLE PRECISION,
    match_parts TEXT,
    approved_by TEXT,
    approved_at BIGINT,
    responded_at BIGINT,
    decline_reason TEXT,
    started_on TEXT,
    ended_on TEXT,
    end_reason TEXT,
    handed_over_from TEXT REFERENCES courses (id) ON DELETE SET NULL,
    handover_note TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX courses_participant ON courses (participant_id, created_at);
CREATE INDEX courses_peer ON courses (peer_id, status);
CREATE INDEX courses_org ON courses (organisation_id, status);

-- A session of a course, planned or held. The note is written for a stated audience.
CREATE TABLE support_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    duration_minutes BIGINT NOT NULL,
    mode TEXT NOT NULL,
    place TEXT,
    kind TEXT NOT NULL,
    note TEXT,
    note_audience TEXT NOT NULL,
    author_id TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX support_sessions_course ON support_sessions (course_id, starts_at);

-- A participant's goal in their own words, with progress over time (0 to 10).
CREATE TABLE goals (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    course_id TEXT REFERENCES courses (id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    domain TEXT,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX goals_participant ON goals (participant_id, created_at);

CREATE TABLE goal_progress (
    id TEXT PRIMARY KEY NOT NULL,
    goal_id TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    recorded_on TEXT NOT NULL,
    value BIGINT NOT NULL,
    note TEXT,
    author_id TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX goal_progress_goal ON goal_progress (goal_id, recorded_on);
