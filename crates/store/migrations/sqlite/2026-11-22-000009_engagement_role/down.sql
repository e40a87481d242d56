DROP INDEX engagements_role;
ALTER TABLE engagements DROP COLUMN role_key;
