ALTER TABLE training_courses DROP COLUMN min_attendance_percent;
