-- Follow-up completeness: each measurement plan's target share of answered waves, and what
-- staff did about an answer that is missing (a reminder sent at once, a paper copy handed to
-- the peer worker, or the person marked not reachable with the reason). A person marked not
-- reachable leaves the list of missing answers but still counts as missing in the rate.
ALTER TABLE measurement_plans ADD COLUMN target_percent BIGINT NOT NULL DEFAULT 80;

CREATE TABLE follow_up_actions (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    invitation_id TEXT NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    -- Not reachable: the reason's code and an optional note.
    reason TEXT,
    note TEXT,
    -- Reminder: how it went (e-mail) and in which language (empty for Danish and English).
    channel TEXT,
    lang TEXT,
    recorded_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX follow_up_actions_invitation ON follow_up_actions (invitation_id, created_at);
CREATE INDEX follow_up_actions_participant ON follow_up_actions (participant_id);
