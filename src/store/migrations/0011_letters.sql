-- Schema v11: letters. `letter_templates` holds the advisor's own version of a template (one
-- per kind and language); without a row the built-in template applies, so resetting is a
-- DELETE. `letters` keeps every letter as it left the vault (as a PDF or copied as text), with
-- the text as sent: it names people, so it lives only here and goes with its dossier when that
-- is destroyed (ON DELETE CASCADE; secure_delete and the VACUUM leave no trace).
CREATE TABLE letter_templates (
    kind       TEXT NOT NULL CHECK (kind IN
                   ('toestemming', 'wbk_bevestiging', 'doorverwijzing', 'afsluiting', 'inzage')),
    lang       TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
    subject    TEXT NOT NULL CHECK (length(subject) > 0),
    body       TEXT NOT NULL CHECK (length(body) > 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, lang)
) STRICT;

CREATE TABLE letters (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN
                   ('toestemming', 'wbk_bevestiging', 'doorverwijzing', 'afsluiting', 'inzage')),
    lang       TEXT NOT NULL CHECK (lang IN ('nl', 'en')),
    via        TEXT NOT NULL CHECK (via IN ('pdf', 'kopie')),
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL CHECK (length(subject) > 0),
    body       TEXT NOT NULL CHECK (length(body) > 0),
    sent_on    TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64)
) STRICT;

CREATE INDEX letters_dossier ON letters (dossier_id);
