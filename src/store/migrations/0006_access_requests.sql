-- Schema v6: access requests (AVG art. 15) on dossiers: when the request came in, how the
-- requester's identity was checked, and the deadline it started. Goes with its dossier.
CREATE TABLE access_requests (
    id             INTEGER PRIMARY KEY,
    dossier_id     INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    deadline_id    INTEGER REFERENCES deadlines (id) ON DELETE SET NULL,
    received_on    TEXT NOT NULL,
    identity_check TEXT NOT NULL CHECK (identity_check IN
                       ('legitimatiebewijs', 'videogesprek', 'bekend_uit_gesprekken', 'anders')),
    identity_note  TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX access_requests_by_dossier ON access_requests (dossier_id);
CREATE INDEX access_requests_by_deadline ON access_requests (deadline_id);
