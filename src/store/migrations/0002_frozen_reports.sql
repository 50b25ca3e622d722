-- Schema v2: what a published report counted stays counted the same way.
--
-- A published period is frozen (anonymisation.md). Every dossier a published report
-- counted is recorded once, with the quarter it was counted in and its report attributes
-- at that moment (codes only: never notes, names, numbers or dates). Later reports use
-- this record instead of the live dossier, so a changed outcome or a late registration can
-- never alter, or be subtracted from, figures the employer already has. A dossier
-- registered after its quarter was published is counted in the first quarter that is not
-- published yet, marked as late. The record survives destruction of the dossier (only
-- the link is cleared), so year-on-year counts stay right.
CREATE TABLE report_counted (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    dossier_id      INTEGER UNIQUE REFERENCES dossiers (id) ON DELETE SET NULL,
    quarter         TEXT NOT NULL,
    late            INTEGER NOT NULL CHECK (late IN (0, 1)),
    attributes      TEXT NOT NULL,
    recorded_at     TEXT NOT NULL
) STRICT;
CREATE INDEX report_counted_by_organisation ON report_counted (organisation_id, quarter);
CREATE TRIGGER report_counted_append_only_update BEFORE UPDATE OF organisation_id, quarter, late, attributes ON report_counted
BEGIN SELECT RAISE(ABORT, 'counted dossiers are frozen'); END;

-- Cells a published report withheld as primary (or protected as small differences):
-- later reports must keep them protected.
CREATE TABLE release_protected (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    report_key      TEXT NOT NULL,
    table_code      TEXT NOT NULL,
    cell_key        TEXT NOT NULL,
    inner_cells     TEXT NOT NULL,
    published_at    TEXT NOT NULL,
    UNIQUE (organisation_id, report_key, table_code, cell_key)
) STRICT;
CREATE TRIGGER release_protected_append_only_update BEFORE UPDATE ON release_protected
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;
CREATE TRIGGER release_protected_append_only_delete BEFORE DELETE ON release_protected
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;
CREATE TRIGGER report_counted_append_only_delete BEFORE DELETE ON report_counted
BEGIN SELECT RAISE(ABORT, 'counted dossiers are frozen'); END;

-- Every report published for an organisation, in order, even one that showed no exact
-- count (a banded total): its quarters are published, and a re-issue is computed against
-- what was released before it.
CREATE TABLE released_reports (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    report_key      TEXT NOT NULL,
    published_at    TEXT NOT NULL,
    UNIQUE (organisation_id, report_key)
) STRICT;
CREATE TRIGGER released_reports_append_only_update BEFORE UPDATE ON released_reports
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;
CREATE TRIGGER released_reports_append_only_delete BEFORE DELETE ON released_reports
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;
