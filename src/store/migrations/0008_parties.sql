-- Schema v8: the people involved in a dossier ("betrokkenen"), whom the advisor supports, the
-- conflict-of-interest decisions and typed links between dossiers. Every row goes with its
-- dossier (ON DELETE CASCADE) when it is destroyed. Names live only here: reports never read
-- these tables.
CREATE TABLE parties (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN
                   ('melder', 'beschuldigde', 'getuige', 'leidinggevende', 'anders')),
    name       TEXT NOT NULL CHECK (length(name) > 0),
    function   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX parties_by_dossier ON parties (dossier_id);

-- Whom the advisor supports when it is not the reporter (no row: the reporter).
CREATE TABLE dossier_support (
    dossier_id INTEGER PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
    supports   TEXT NOT NULL CHECK (supports IN ('melder', 'beschuldigde'))
) STRICT;

-- A decision about possible conflicts of interest, with the matches (party pairs) it covers:
-- a match that appears later (a new party here or elsewhere) needs a decision of its own.
CREATE TABLE conflict_decisions (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    decision   TEXT NOT NULL CHECK (decision IN ('geen_conflict', 'doorverwijzen')),
    decided_on TEXT NOT NULL,
    matches    INTEGER NOT NULL CHECK (matches >= 0),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX conflict_decisions_by_dossier ON conflict_decisions (dossier_id);

CREATE TABLE conflict_decision_matches (
    decision_id    INTEGER NOT NULL REFERENCES conflict_decisions (id) ON DELETE CASCADE,
    party_id       INTEGER NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
    other_party_id INTEGER NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
    PRIMARY KEY (decision_id, party_id, other_party_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX conflict_decision_matches_by_party ON conflict_decision_matches (party_id);
CREATE INDEX conflict_decision_matches_by_other ON conflict_decision_matches (other_party_id);

-- A link between two dossiers, stored once (lower id first) and shown on both.
CREATE TABLE dossier_links (
    id          INTEGER PRIMARY KEY,
    dossier_a   INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    dossier_b   INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN
                    ('zelfde_beschuldigde', 'zelfde_incident', 'zelfde_melder')),
    created_at  TEXT NOT NULL,
    CHECK (dossier_a < dossier_b),
    UNIQUE (dossier_a, dossier_b, kind)
) STRICT;
CREATE INDEX dossier_links_by_b ON dossier_links (dossier_b);
