-- Schema v4: retention per organisation and the destruction log in full.
--
-- The vault's retention term (months after closing) is the setting `retention_months`; an
-- organisation may have its own term here. A dossier's destroy-by date is set from the term
-- that applies when it is closed.
CREATE TABLE retention_rules (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations (id),
    months          INTEGER NOT NULL CHECK (months BETWEEN 1 AND 120),
    updated_at      TEXT NOT NULL
) STRICT;

-- The destruction log (created in v1, never written before v4) keeps that a dossier was
-- destroyed: its number, organisation, dates, the report that counted it and why; never
-- what was in it. Append-only.
ALTER TABLE destruction_log ADD COLUMN organisation_id INTEGER REFERENCES organisations (id);
ALTER TABLE destruction_log ADD COLUMN opened_on TEXT;
ALTER TABLE destruction_log ADD COLUMN closed_on TEXT;
ALTER TABLE destruction_log ADD COLUMN destroy_by TEXT;
ALTER TABLE destruction_log ADD COLUMN report_key TEXT NOT NULL DEFAULT '';
ALTER TABLE destruction_log ADD COLUMN overridden TEXT NOT NULL DEFAULT '';
CREATE TRIGGER destruction_log_append_only_update BEFORE UPDATE ON destruction_log
BEGIN SELECT RAISE(ABORT, 'destruction log is append-only'); END;
CREATE TRIGGER destruction_log_append_only_delete BEFORE DELETE ON destruction_log
BEGIN SELECT RAISE(ABORT, 'destruction log is append-only'); END;
