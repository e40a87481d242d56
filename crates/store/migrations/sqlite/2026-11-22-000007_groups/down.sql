DROP TABLE group_attendance;
DROP TABLE group_enrolments;
DROP TABLE group_meetings;
DROP TABLE group_facilitators;
DROP TABLE group_courses;
