-- The share of a cohort's meetings a participant must attend for the course to be completed,
-- in whole percent. Each course sets its own rule; courses made before keep the usual 75 %.
ALTER TABLE training_courses ADD COLUMN min_attendance_percent BIGINT NOT NULL DEFAULT 75;
