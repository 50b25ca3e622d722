-- Schema v12: handing a caseload over. `receive_key` is the vault's own age X25519 identity
-- ("mijn ontvangstsleutel"): a successor shares its public half, and a handover file made for
-- it can only be opened by this vault. `handovers` records, per dossier, that it was handed
-- over (direction 'uit': to whom, by key fingerprint) or received (direction 'in': from whom,
-- its number in the sender's vault, and for a deputy copy the day it expires). Rows go with
-- their dossier.
CREATE TABLE receive_key (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    secret_key TEXT NOT NULL CHECK (secret_key LIKE 'AGE-SECRET-KEY-1%'),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE handovers (
    id              INTEGER PRIMARY KEY,
    dossier_id      INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    direction       TEXT NOT NULL CHECK (direction IN ('uit', 'in')),
    on_date         TEXT NOT NULL,
    counterpart     TEXT NOT NULL,
    original_number TEXT NOT NULL,
    deputy_until    TEXT
) STRICT;

CREATE INDEX handovers_dossier ON handovers (dossier_id);
