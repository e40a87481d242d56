-- Measuring outcomes: instrument text held by an organisation, measurement plans,
-- invitations with personal answering links, responses with their scores, and life
-- outcomes and service use. Scores are stored with the definition's id and version.

-- When a participant's course started and ended: the waves of a measurement plan count from these.
ALTER TABLE participants ADD COLUMN started_at BIGINT;
ALTER TABLE participants ADD COLUMN closed_at BIGINT;

-- An organisation's licensed item text for a shipped definition (a FHIR R4 Questionnaire
-- bound by linkId). Not personal data.
CREATE TABLE instrument_texts (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    instrument_id TEXT NOT NULL,
    instrument_version TEXT NOT NULL,
    questionnaire TEXT NOT NULL,
    text_source TEXT NOT NULL,
    loaded_by TEXT,
    loaded_at BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, instrument_id, instrument_version)
);

CREATE TABLE measurement_plans (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    instrument_id TEXT NOT NULL,
    instrument_version TEXT NOT NULL,
    at_start BOOLEAN NOT NULL,
    every_weeks BIGINT,
    at_closure BOOLEAN NOT NULL,
    followup_months BIGINT,
    reminder_days BIGINT NOT NULL,
    valid_days BIGINT NOT NULL,
    active BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX measurement_plans_programme ON measurement_plans (programme_id);

-- One wave of one plan for one participant. The answering link's token is kept only as its
-- SHA-256; a new link replaces the old one.
CREATE TABLE invitations (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    plan_id TEXT NOT NULL REFERENCES measurement_plans (id),
    instrument_id TEXT NOT NULL,
    instrument_version TEXT NOT NULL,
    wave TEXT NOT NULL,
    wave_order BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    token_hash TEXT UNIQUE,
    status TEXT NOT NULL,
    reminders_sent BIGINT NOT NULL,
    last_notified_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (participant_id, plan_id, wave)
);
CREATE INDEX invitations_participant ON invitations (participant_id, due_at);
CREATE INDEX invitations_status_due ON invitations (status, due_at);

CREATE TABLE responses (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    invitation_id TEXT UNIQUE REFERENCES invitations (id) ON DELETE SET NULL,
    instrument_id TEXT NOT NULL,
    instrument_version TEXT NOT NULL,
    wave TEXT,
    source TEXT NOT NULL,
    entered_by TEXT,
    answers TEXT NOT NULL,
    status TEXT NOT NULL,
    score DOUBLE PRECISION,
    raw DOUBLE PRECISION,
    prorated BOOLEAN NOT NULL,
    band TEXT,
    scores TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    completed_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX responses_participant ON responses (participant_id, started_at);
CREATE INDEX responses_org_instrument ON responses (organisation_id, instrument_id, status);

-- Life outcomes and service use as they happen, with their source.
CREATE TABLE life_events (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    ended_on TEXT,
    quantity BIGINT,
    source TEXT NOT NULL,
    note TEXT,
    recorded_by TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX life_events_participant ON life_events (participant_id, occurred_on);

-- Messages waiting to be sent (and kept as sent), always visible to the organisation.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    subject_type TEXT,
    subject_id TEXT,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_org_created ON outbox (organisation_id, created_at);
CREATE INDEX outbox_status ON outbox (status, created_at);
