-- An organisation's evaluation settings: the prices of its cost-benefit analysis,
-- each with its source and year, as JSON (`sammen_evaluation::PriceDefaults`), and its own
-- table of published effects for context (`sammen_evaluation::ReferenceTable`), if any.
-- Not personal data.
CREATE TABLE evaluation_settings (
    organisation_id TEXT PRIMARY KEY NOT NULL REFERENCES organisations (id),
    prices TEXT,
    reference_table TEXT,
    updated_by TEXT,
    updated_at BIGINT NOT NULL
);
