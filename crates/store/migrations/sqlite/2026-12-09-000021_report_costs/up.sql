-- What a programme spends on coordination, in hours a month: the one cost that no other
-- record holds. Reports multiply it by the months of their period.
CREATE TABLE programme_costs (
    programme_id TEXT PRIMARY KEY NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    coordination_hours_per_month DOUBLE PRECISION NOT NULL,
    updated_by TEXT,
    updated_at BIGINT NOT NULL
);

-- The report form's last choices of a user in an organisation ('' without one), as the
-- form's query text, so the form opens where the user left it.
CREATE TABLE report_choices (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL,
    choices TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, organisation_id)
);
