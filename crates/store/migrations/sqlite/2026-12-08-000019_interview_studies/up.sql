-- Interview studies (the qualitative half of an evaluation): studies with their interview guide,
-- coders and partnership parties; interviews with their consent and pseudonymised transcript,
-- cut into segments; the codebook with its history; the codings of each coder and the settled
-- consensus; which coder is done with which interview; and the quotes cleared for publication.
CREATE TABLE interview_studies (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    scope_kind TEXT NOT NULL,
    programme_id TEXT REFERENCES programmes (id),
    partnership_id TEXT REFERENCES partnerships (id),
    name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    sampling TEXT NOT NULL,
    keep_original BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX interview_studies_org ON interview_studies (organisation_id);
CREATE INDEX interview_studies_partnership ON interview_studies (partnership_id);

CREATE TABLE interview_guide_questions (
    id TEXT PRIMARY KEY NOT NULL,
    study_id TEXT NOT NULL REFERENCES interview_studies (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    text_da TEXT NOT NULL,
    text_en TEXT NOT NULL
);
CREATE INDEX interview_guide_questions_study ON interview_guide_questions (study_id, position);

CREATE TABLE interview_study_coders (
    study_id TEXT NOT NULL REFERENCES interview_studies (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    added_at BIGINT NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (study_id, user_id)
);
CREATE INDEX interview_study_coders_user ON interview_study_coders (user_id);

CREATE TABLE interview_study_parties (
    study_id TEXT NOT NULL REFERENCES interview_studies (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    joined BOOLEAN NOT NULL,
    decided_at BIGINT NOT NULL,
    decided_by TEXT NOT NULL,
    PRIMARY KEY (study_id, organisation_id)
);

CREATE TABLE study_interviews (
    id TEXT PRIMARY KEY NOT NULL,
    study_id TEXT NOT NULL REFERENCES interview_studies (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    pseudonym TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- Deleting a participant's record deletes their interviews and everything coded in them.
    participant_id TEXT REFERENCES participants (id) ON DELETE CASCADE,
    peer_worker_id TEXT REFERENCES peer_workers (id),
    interviewed_on TEXT NOT NULL,
    interviewer_user_id TEXT NOT NULL,
    consent_given_on TEXT NOT NULL,
    consent_method TEXT NOT NULL,
    consent_original BOOLEAN NOT NULL,
    consent_withdrawn_on TEXT,
    status TEXT NOT NULL,
    source TEXT NOT NULL,
    transcript TEXT,
    original TEXT,
    replaced BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX study_interviews_study ON study_interviews (study_id, created_at);
CREATE INDEX study_interviews_participant ON study_interviews (participant_id);

CREATE TABLE interview_segments (
    id TEXT PRIMARY KEY NOT NULL,
    interview_id TEXT NOT NULL REFERENCES study_interviews (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    speaker TEXT,
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL
);
CREATE INDEX interview_segments_interview ON interview_segments (interview_id, position);

CREATE TABLE interview_codes (
    id TEXT PRIMARY KEY NOT NULL,
    study_id TEXT NOT NULL REFERENCES interview_studies (id) ON DELETE CASCADE,
    parent_id TEXT REFERENCES interview_codes (id),
    guid TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    example TEXT NOT NULL,
    theme TEXT,
    position BIGINT NOT NULL,
    retired BOOLEAN NOT NULL,
    merged_into TEXT REFERENCES interview_codes (id)
);
CREATE INDEX interview_codes_study ON interview_codes (study_id, position);
CREATE UNIQUE INDEX interview_codes_guid ON interview_codes (study_id, guid);

CREATE TABLE interview_code_changes (
    id TEXT PRIMARY KEY NOT NULL,
    study_id TEXT NOT NULL REFERENCES interview_studies (id) ON DELETE CASCADE,
    code_id TEXT NOT NULL REFERENCES interview_codes (id),
    kind TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    at BIGINT NOT NULL,
    by_user TEXT NOT NULL
);
CREATE INDEX interview_code_changes_study ON interview_code_changes (study_id, at);

CREATE TABLE interview_codings (
    id TEXT PRIMARY KEY NOT NULL,
    interview_id TEXT NOT NULL REFERENCES study_interviews (id) ON DELETE CASCADE,
    segment_id TEXT NOT NULL REFERENCES interview_segments (id) ON DELETE CASCADE,
    code_id TEXT NOT NULL REFERENCES interview_codes (id),
    kind TEXT NOT NULL,
    coder_user_id TEXT,
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL,
    memo TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX interview_codings_interview ON interview_codings (interview_id, segment_id);
CREATE INDEX interview_codings_code ON interview_codings (code_id);

CREATE TABLE interview_coder_done (
    interview_id TEXT NOT NULL REFERENCES study_interviews (id) ON DELETE CASCADE,
    coder_user_id TEXT NOT NULL,
    done_at BIGINT NOT NULL,
    PRIMARY KEY (interview_id, coder_user_id)
);

CREATE TABLE interview_quotes (
    id TEXT PRIMARY KEY NOT NULL,
    study_id TEXT NOT NULL REFERENCES interview_studies (id) ON DELETE CASCADE,
    interview_id TEXT NOT NULL REFERENCES study_interviews (id) ON DELETE CASCADE,
    code_id TEXT NOT NULL REFERENCES interview_codes (id),
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL,
    cleared_by TEXT NOT NULL,
    cleared_at BIGINT NOT NULL
);
CREATE INDEX interview_quotes_study ON interview_quotes (study_id);
