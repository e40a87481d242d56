-- The time zone an organisation's days are counted in (an IANA name of the tz database):
-- when a consent or an agreement ends, when a certificate expires, when applicants' data is
-- deleted. Organisations in Denmark keep the default; those on the Faroe Islands or in
-- Greenland choose their own.
ALTER TABLE organisations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Copenhagen';
