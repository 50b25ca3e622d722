-- Schema v5: deadlines ("termijnen") of dossiers and the breach register.
--
-- A deadline belongs to one dossier and goes with it when it is destroyed. Its due date is
-- counted by the rules in src/model/deadline.rs; `original_due_on` keeps the rule's date,
-- `due_on` the date after the one extension the law allows (`extended_on`, with a reason).
CREATE TABLE deadlines (
    id               INTEGER PRIMARY KEY,
    dossier_id       INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN
                         ('wbk_ontvangstbevestiging', 'wbk_terugkoppeling', 'inzageverzoek', 'vervolg')),
    label            TEXT NOT NULL DEFAULT '',
    starts_on        TEXT NOT NULL,
    original_due_on  TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    extended_on      TEXT,
    extension_reason TEXT NOT NULL DEFAULT '',
    done_on          TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (due_on >= original_due_on),
    CHECK ((extended_on IS NULL) = (extension_reason = ''))
) STRICT;
CREATE INDEX deadlines_by_dossier ON deadlines (dossier_id);
CREATE INDEX deadlines_open_by_due ON deadlines (due_on) WHERE done_on IS NULL;

-- The advisor's own register of data breaches (AVG art. 33): what, when discovered, whom
-- informed, the decision; to be reported within 72 hours.
CREATE TABLE breaches (
    id            INTEGER PRIMARY KEY,
    what          TEXT NOT NULL,
    discovered_at TEXT NOT NULL,
    informed      TEXT NOT NULL DEFAULT '',
    decision      TEXT NOT NULL DEFAULT '',
    handled_on    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
