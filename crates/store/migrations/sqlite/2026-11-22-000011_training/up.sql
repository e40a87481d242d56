-- Onboarding and training of peer workers.

-- A role's onboarding checklist (by role key: it follows the role through its versions).
-- A role without rows uses the four standard items.
CREATE TABLE onboarding_template_items (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    role_key TEXT NOT NULL,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT,
    owner_role TEXT NOT NULL,
    due_days BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX onboarding_template_items_role ON onboarding_template_items (role_key, position);

-- A peer worker's onboarding: the role's items copied with an owner, a due date and done.
CREATE TABLE onboardings (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    peer_id TEXT NOT NULL REFERENCES peer_workers (id) ON DELETE CASCADE,
    role_key TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    started_by TEXT,
    created_at BIGINT NOT NULL,
    completed_at BIGINT
);
CREATE INDEX onboardings_peer ON onboardings (peer_id, created_at);
CREATE INDEX onboardings_org ON onboardings (organisation_id, completed_at);

CREATE TABLE onboarding_items (
    id TEXT PRIMARY KEY NOT NULL,
    onboarding_id TEXT NOT NULL REFERENCES onboardings (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT,
    owner_user_id TEXT,
    due_on TEXT NOT NULL,
    done_at BIGINT,
    done_by TEXT
);
CREATE INDEX onboarding_items_onboarding ON onboarding_items (onboarding_id, position);

-- The organisation's training catalogue.
CREATE TABLE training_courses (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    themes TEXT NOT NULL,
    hours DOUBLE PRECISION NOT NULL,
    validity_months BIGINT,
    active BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX training_courses_org ON training_courses (organisation_id, title);

-- A run of a course: its meetings, enrolled peers, attendance and outcomes.
CREATE TABLE training_cohorts (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    course_id TEXT NOT NULL REFERENCES training_courses (id),
    place TEXT,
    trainer TEXT,
    capacity BIGINT,
    note TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX training_cohorts_course ON training_cohorts (course_id);

CREATE TABLE training_meetings (
    id TEXT PRIMARY KEY NOT NULL,
    cohort_id TEXT NOT NULL REFERENCES training_cohorts (id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    duration_minutes BIGINT NOT NULL
);
CREATE INDEX training_meetings_cohort ON training_meetings (cohort_id, starts_at);

CREATE TABLE training_enrolments (
    id TEXT PRIMARY KEY NOT NULL,
    cohort_id TEXT NOT NULL REFERENCES training_cohorts (id) ON DELETE CASCADE,
    peer_id TEXT NOT NULL REFERENCES peer_workers (id) ON DELETE CASCADE,
    enrolled_at BIGINT NOT NULL,
    enrolled_by TEXT,
    outcome TEXT,
    outcome_at BIGINT,
    outcome_by TEXT
);
CREATE UNIQUE INDEX training_enrolments_once ON training_enrolments (cohort_id, peer_id);
CREATE INDEX training_enrolments_peer ON training_enrolments (peer_id);

CREATE TABLE training_attendance (
    meeting_id TEXT NOT NULL REFERENCES training_meetings (id) ON DELETE CASCADE,
    peer_id TEXT NOT NULL REFERENCES peer_workers (id) ON DELETE CASCADE,
    present BOOLEAN NOT NULL,
    PRIMARY KEY (meeting_id, peer_id)
);

-- A certificate: a completed course, issued on a day, expiring by the course's validity.
-- `reminded_at` is set when the refresh reminder went out (once per certificate).
CREATE TABLE certificates (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    peer_id TEXT NOT NULL REFERENCES peer_workers (id) ON DELETE CASCADE,
    course_id TEXT NOT NULL REFERENCES training_courses (id),
    kind TEXT NOT NULL,
    enrolment_id TEXT,
    issued_on TEXT NOT NULL,
    expires_on TEXT,
    reminded_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX certificates_peer ON certificates (peer_id, kind);
CREATE INDEX certificates_expiry ON certificates (expires_on);
