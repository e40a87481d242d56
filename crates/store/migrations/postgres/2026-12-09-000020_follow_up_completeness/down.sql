DROP TABLE follow_up_actions;
ALTER TABLE measurement_plans DROP COLUMN target_percent;
