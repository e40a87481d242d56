DROP TABLE outbox;
DROP TABLE life_events;
DROP TABLE responses;
DROP TABLE invitations;
DROP TABLE measurement_plans;
DROP TABLE instrument_texts;
ALTER TABLE participants DROP COLUMN closed_at;
ALTER TABLE participants DROP COLUMN started_at;
