-- Schema v1 of a Kluis vault. Never edit this file once released: add a new migration.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE organisations (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL COLLATE NOCASE UNIQUE,
    employee_count INTEGER NOT NULL CHECK (employee_count > 0),
    arrangement    TEXT NOT NULL CHECK (arrangement IN ('collectief', 'maatwerk')),
    contact_label  TEXT NOT NULL DEFAULT '',
    archived       INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at     TEXT NOT NULL
) STRICT;

CREATE TABLE categories (
    code           TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 64),
    label_nl       TEXT NOT NULL,
    label_en       TEXT NOT NULL,
    category_group TEXT NOT NULL CHECK (category_group IN ('omgangsvormen', 'integriteit', 'overig')),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_order     INTEGER NOT NULL
) STRICT;

INSERT INTO categories (code, label_nl, label_en, category_group, sort_order) VALUES
    ('seksuele_intimidatie', 'Seksuele intimidatie', 'Sexual harassment', 'omgangsvormen', 10),
    ('intimidatie', 'Intimidatie (niet-seksueel)', 'Intimidation (non-sexual)', 'omgangsvormen', 20),
    ('agressie_geweld', 'Agressie en geweld', 'Aggression and violence', 'omgangsvormen', 30),
    ('pesten', 'Pesten', 'Bullying', 'omgangsvormen', 40),
    ('discriminatie', 'Discriminatie', 'Discrimination', 'omgangsvormen', 50),
    ('werkdruk_conflict', 'Werkdruk of arbeidsconflict', 'Work pressure or workplace conflict', 'omgangsvormen', 60),
    ('corruptie', 'Corruptie', 'Corruption', 'integriteit', 110),
    ('fraude_diefstal', 'Fraude, diefstal of verduistering', 'Fraud, theft or embezzlement', 'integriteit', 120),
    ('misbruik_bevoegdheden', 'Misbruik van bevoegdheden', 'Abuse of powers', 'integriteit', 130),
    ('belangenverstrengeling', 'Onverenigbare functies en belangen', 'Conflicts of interest', 'integriteit', 140),
    ('misbruik_informatie', 'Misbruik van informatie', 'Misuse of information', 'integriteit', 150),
    ('integriteit_overig', 'Overige integriteitskwestie', 'Other integrity issue', 'integriteit', 160),
    ('overig', 'Overig', 'Other', 'overig', 900);

CREATE TABLE dossiers (
    id                INTEGER PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    organisation_id   INTEGER NOT NULL REFERENCES organisations (id),
    contact_type      TEXT NOT NULL CHECK (contact_type IN
                          ('consult', 'melding_omgangsvormen', 'melding_integriteit', 'vermoeden_misstand', 'overig')),
    status            TEXT NOT NULL CHECK (status IN ('open', 'gesloten')),
    opened_on         TEXT NOT NULL,
    closed_on         TEXT,
    reporter_role     TEXT NOT NULL CHECK (reporter_role IN
                          ('medewerker', 'leidinggevende', 'flexibel', 'oud_medewerker', 'extern')),
    relation          TEXT NOT NULL CHECK (relation IN
                          ('leidinggevende', 'collega', 'ondergeschikte', 'extern', 'onbekend')),
    outcome           TEXT NOT NULL CHECK (outcome IN
                          ('informeel_opgelost', 'formele_klacht', 'geen_vervolg', 'doorverwezen', 'onbekend')),
    consent_on        TEXT NOT NULL,
    consent_scope     TEXT NOT NULL CHECK (consent_scope IN ('dossier', 'dossier_en_derden')),
    destroy_by        TEXT,
    legal_hold        INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1)),
    legal_hold_reason TEXT NOT NULL DEFAULT '',
    gender            TEXT CHECK (gender IN ('vrouw', 'man', 'anders')),
    notes             TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (closed_on IS NULL OR closed_on >= opened_on),
    CHECK ((status = 'gesloten') = (closed_on IS NOT NULL))
) STRICT;
CREATE INDEX dossiers_by_organisation ON dossiers (organisation_id, opened_on);
CREATE INDEX dossiers_by_opened ON dossiers (opened_on);

CREATE TABLE dossier_categories (
    dossier_id    INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    category_code TEXT NOT NULL REFERENCES categories (code),
    PRIMARY KEY (dossier_id, category_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX dossier_categories_by_code ON dossier_categories (category_code);

CREATE TABLE dossier_actions (
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    action     TEXT NOT NULL CHECK (action IN ('luisterend_oor', 'advies_informatie', 'verwijzing',
                   'begeleiding_gesprek', 'bemiddeling_derde', 'formele_klacht', 'interne_melding')),
    PRIMARY KEY (dossier_id, action)
) STRICT, WITHOUT ROWID;

CREATE TABLE conversations (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    held_on    TEXT NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes > 0),
    mode       TEXT NOT NULL CHECK (mode IN ('persoonlijk', 'telefoon', 'video', 'email'))
) STRICT;
CREATE INDEX conversations_by_dossier ON conversations (dossier_id, held_on);
CREATE INDEX conversations_by_day ON conversations (held_on);

CREATE TABLE time_entries (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    spent_on        TEXT NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes > 0),
    activity        TEXT NOT NULL CHECK (activity IN
                        ('voorlichting', 'advies_organisatie', 'overleg', 'rapportage', 'overig')),
    description     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX time_entries_by_organisation ON time_entries (organisation_id, spent_on);

-- Every file that left the vault: what, for whom, when, and its hash.
CREATE TABLE export_log (
    id            INTEGER PRIMARY KEY,
    exported_at   TEXT NOT NULL,
    kind          TEXT NOT NULL,
    organisations TEXT NOT NULL DEFAULT '[]',
    period        TEXT NOT NULL DEFAULT '',
    recipient     TEXT NOT NULL DEFAULT '',
    sha256        TEXT NOT NULL
) STRICT;

-- Every published report cell per organisation (filled by the report engine). Append-only.
CREATE TABLE release_ledger (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    report_key      TEXT NOT NULL,
    period          TEXT NOT NULL,
    table_code      TEXT NOT NULL,
    cell_key        TEXT NOT NULL,
    inner_cells     TEXT NOT NULL,
    value           INTEGER NOT NULL,
    published_at    TEXT NOT NULL,
    UNIQUE (organisation_id, report_key, table_code, cell_key)
) STRICT;
CREATE TRIGGER release_ledger_append_only_update BEFORE UPDATE ON release_ledger
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;
CREATE TRIGGER release_ledger_append_only_delete BEFORE DELETE ON release_ledger
BEGIN SELECT RAISE(ABORT, 'release ledger is append-only'); END;

-- That a dossier was destroyed, when and why; never what was in it.
CREATE TABLE destruction_log (
    id             INTEGER PRIMARY KEY,
    dossier_number TEXT NOT NULL,
    destroyed_at   TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT ''
) STRICT;

-- Full-text search over dossier number and notes. It lives in the same in-memory database,
-- so it is encrypted at rest with everything else.
CREATE VIRTUAL TABLE dossier_search USING fts5 (
    number, notes,
    content = 'dossiers', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER dossiers_search_insert AFTER INSERT ON dossiers BEGIN
    INSERT INTO dossier_search (rowid, number, notes) VALUES (new.id, new.number, new.notes);
END;
CREATE TRIGGER dossiers_search_delete AFTER DELETE ON dossiers BEGIN
    INSERT INTO dossier_search (dossier_search, rowid, number, notes)
        VALUES ('delete', old.id, old.number, old.notes);
END;
CREATE TRIGGER dossiers_search_update AFTER UPDATE OF number, notes ON dossiers BEGIN
    INSERT INTO dossier_search (dossier_search, rowid, number, notes)
        VALUES ('delete', old.id, old.number, old.notes);
    INSERT INTO dossier_search (rowid, number, notes) VALUES (new.id, new.number, new.notes);
END;
