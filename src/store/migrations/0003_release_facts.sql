-- Schema v3: the release ledger records what a recipient can read, as typed selections.
--
-- Every published cell is a fact about a selection of dossiers (organisations, quarters and
-- coded attribute values, stored as JSON): an exact value (lower = upper), or a range that a
-- report reveals without a value: a band such as 1-4 (lower 1, upper 4), a row shown on its
-- own because it holds at least k dossiers (lower k, no upper), a row merged into "Overig"
-- because it holds fewer (lower 0, upper k - 1). A later report evaluates each selection on
-- its own dossiers, whatever its table design, so earlier releases constrain it exactly.
-- Cells a report withheld (and small differences it protected) are guards: later reports
-- keep them protected. Report keys name the organisations, the period and the profile
-- (`2025@3+5+9/standaard`), so the same period under another profile is a different report
-- and a pooled report never merges with an organisation's own.
CREATE TABLE release_facts (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    report_key      TEXT NOT NULL,
    table_code      TEXT NOT NULL,
    cell_key        TEXT NOT NULL,
    selection       TEXT NOT NULL,
    lower           INTEGER NOT NULL CHECK (lower >= 0),
    upper           INTEGER CHECK (upper IS NULL OR upper >= lower),
    published_at    TEXT NOT NULL,
    UNIQUE (organisation_id, report_key, table_code, cell_key)
) STRICT;
CREATE INDEX release_facts_by_organisation ON release_facts (organisation_id, id);
CREATE TRIGGER release_facts_append_only_update BEFORE UPDATE ON release_facts
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;
CREATE TRIGGER release_facts_append_only_delete BEFORE DELETE ON release_facts
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;

CREATE TABLE release_guards (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    report_key      TEXT NOT NULL,
    table_code      TEXT NOT NULL,
    cell_key        TEXT NOT NULL,
    selection       TEXT NOT NULL,
    published_at    TEXT NOT NULL,
    UNIQUE (organisation_id, report_key, table_code, cell_key)
) STRICT;
CREATE INDEX release_guards_by_organisation ON release_guards (organisation_id, id);
CREATE TRIGGER release_guards_append_only_update BEFORE UPDATE ON release_guards
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;
CREATE TRIGGER release_guards_append_only_delete BEFORE DELETE ON release_guards
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;

-- The hours a report published, per activity: a re-issue shows the same figures.
CREATE TABLE release_hours (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    report_key      TEXT NOT NULL,
    activity        TEXT NOT NULL,
    hours           INTEGER NOT NULL CHECK (hours >= 0),
    published_at    TEXT NOT NULL,
    UNIQUE (organisation_id, report_key, activity)
) STRICT;
CREATE TRIGGER release_hours_append_only_update BEFORE UPDATE ON release_hours
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;
CREATE TRIGGER release_hours_append_only_delete BEFORE DELETE ON release_hours
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;

-- Published reports keep their period beside the key, so that the store knows which
-- quarters are published without reading report keys.
DROP TRIGGER released_reports_append_only_update;
ALTER TABLE released_reports ADD COLUMN period TEXT NOT NULL DEFAULT '';
UPDATE released_reports
   SET period = substr(report_key, 1, instr(report_key || '@', '@') - 1);
CREATE TRIGGER released_reports_append_only_update BEFORE UPDATE ON released_reports
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;
