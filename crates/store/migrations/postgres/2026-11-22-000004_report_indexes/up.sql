-- Evaluation reports read every completed response of one instrument in a set of
-- organisations, and the courses of their participants: both from covering indexes, so a
-- report over millions of answers never touches the rows that hold the answers themselves.
CREATE INDEX responses_report ON responses (organisation_id, instrument_id, instrument_version, status, wave, participant_id, score);
CREATE INDEX participants_report ON participants (organisation_id, id, started_at, programme_id, closed_at);
