DROP TABLE recruitment_settings;
DROP TABLE interview_scores;
DROP TABLE interview_panel;
DROP TABLE job_interviews;
DROP TABLE application_stages;
DROP TABLE application_attachments;
DROP TABLE job_applications;
DROP TABLE job_postings;
