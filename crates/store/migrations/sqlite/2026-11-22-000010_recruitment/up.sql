-- Recruitment: postings made from a role description, applications from the
-- public job page with their attachments (stored in the database), the stage history, interviews
-- with their panels and scores, and each organisation's retention of applicants' data.
CREATE TABLE job_postings (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    role_key TEXT NOT NULL,
    intro TEXT NOT NULL,
    place TEXT NOT NULL,
    deadline TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX job_postings_org ON job_postings (organisation_id, status);

CREATE TABLE job_applications (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    posting_id TEXT NOT NULL REFERENCES job_postings (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    language TEXT NOT NULL,
    motivation TEXT NOT NULL,
    stage TEXT NOT NULL,
    peer_id TEXT,
    decided_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX job_applications_posting ON job_applications (posting_id, stage);
CREATE INDEX job_applications_decided ON job_applications (decided_at);

CREATE TABLE application_attachments (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES job_applications (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content BLOB NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX application_attachments_app ON application_attachments (application_id);

CREATE TABLE application_stages (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES job_applications (id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    note TEXT,
    actor_id TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX application_stages_app ON application_stages (application_id, at);

CREATE TABLE job_interviews (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES job_applications (id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    place TEXT NOT NULL,
    online BOOLEAN NOT NULL,
    created_by TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX job_interviews_app ON job_interviews (application_id);

CREATE TABLE interview_panel (
    interview_id TEXT NOT NULL REFERENCES job_interviews (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    PRIMARY KEY (interview_id, user_id)
);
CREATE INDEX interview_panel_user ON interview_panel (user_id);

CREATE TABLE interview_scores (
    interview_id TEXT NOT NULL REFERENCES job_interviews (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    competence TEXT NOT NULL,
    score BIGINT NOT NULL,
    note TEXT,
    at BIGINT NOT NULL,
    PRIMARY KEY (interview_id, user_id, competence)
);

CREATE TABLE recruitment_settings (
    organisation_id TEXT PRIMARY KEY NOT NULL REFERENCES organisations (id),
    retention_months BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
