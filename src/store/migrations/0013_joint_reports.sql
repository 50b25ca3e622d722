-- Schema v13: joint reports of several advisors for one client (issue 12, part 2).
--
-- A contributor's share of a client, as the coordinator sees it (from a contribution), or the
-- other participants of a joint report, as a contributor sees them (from its receipt), is an
-- organisation row of its own: its frozen coded records (report_counted, no dossier) and its
-- release ledger hang on it, so every report rule (history, atoms, audit) applies unchanged.
-- `joint_participants` marks those rows: they are never listed, chosen or reported on alone.
CREATE TABLE joint_participants (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations (id),
    joint_of        INTEGER NOT NULL REFERENCES organisations (id),
    period          TEXT NOT NULL,
    source          TEXT NOT NULL CHECK (source IN ('bijdrage', 'ontvangstbewijs')),
    nonce           TEXT NOT NULL UNIQUE,
    recipient       TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    advisor         TEXT NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX joint_participants_of ON joint_participants (joint_of, period);

-- The contributions this vault sent, so that only the receipt answering one is taken in, with
-- the dossiers each counted (id, quarter, attributes as sent): the receipt freezes them.
CREATE TABLE joint_sent (
    nonce           TEXT PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    period          TEXT NOT NULL,
    coordinator     TEXT NOT NULL,
    counted         TEXT NOT NULL,
    sent_at         TEXT NOT NULL,
    receipt_key     TEXT,
    receipt_signer  TEXT,
    receipt_at      TEXT
) STRICT;
