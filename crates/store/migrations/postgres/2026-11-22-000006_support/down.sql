DROP TABLE goal_progress;
DROP TABLE goals;
DROP TABLE support_sessions;
DROP TABLE courses;
DROP TABLE peer_profiles;
DROP TABLE participant_wishes;
DROP TABLE consents;
DROP TABLE referrals;
