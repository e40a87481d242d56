DROP TABLE wellbeing_check_ins;
DROP TABLE supervision_reminders;
DROP TABLE supervision_attendees;
DROP TABLE supervision_sessions;
DROP TABLE supervision_relations;
DROP TABLE supervision_requirements;
