-- The work queues on each role's front page ask, for one organisation (or one peer or
-- supervisor), for the few rows waiting for someone: each from an index that starts with
-- what the queue filters on, so a page stays fast however much history an organisation has
-- (hundreds of thousands of closed participants, hundreds of thousands of sessions).

-- The waiting list: an organisation's participants with status waiting, oldest first.
CREATE INDEX participants_org_status ON participants (organisation_id, status, created_at);
-- A peer's own participants (counted by status on the front page): without it the planner
-- takes the index above and reads every participant of the organisation.
CREATE INDEX participants_peer_org ON participants (assigned_peer_id, organisation_id, status);
-- Offers waiting for a peer's answer; open courses by when they started (quiet courses).
CREATE INDEX courses_org_offer ON courses (organisation_id, offer, status, started_on);
-- Courses with no session held lately; a peer's planned sessions and those not logged.
CREATE INDEX support_sessions_course_status ON support_sessions (course_id, status, starts_at);
-- Courses with a session held lately, read once per organisation (quiet courses).
CREATE INDEX support_sessions_org_held ON support_sessions (organisation_id, status, starts_at, course_id);
-- Consents about to run out.
CREATE INDEX consents_org_valid_until ON consents (organisation_id, valid_until);
-- Follow-up answers overdue: an organisation's open questionnaires past their due time.
CREATE INDEX invitations_org_status_due ON invitations (organisation_id, status, due_at);
-- A supervisor's sessions still to be recorded.
CREATE INDEX supervision_sessions_supervisor ON supervision_sessions (supervisor_user_id, starts_at);
-- Postings with applications nobody has looked at yet.
CREATE INDEX job_applications_org_stage ON job_applications (organisation_id, stage);
