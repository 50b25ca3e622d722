-- Schema v10: documents in a dossier (e-mails, PDFs, images, office files), kept inside the
-- vault image with their metadata. The content is a BLOB that only `document_content` reads;
-- listings read the other columns. Every row goes with its dossier when it is destroyed
-- (ON DELETE CASCADE); secure_delete and the VACUUM after a destruction or a removal leave no
-- trace of it in the image. The same file (SHA-256) is kept once per dossier.
CREATE TABLE documents (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(name) > 0),
    kind       TEXT NOT NULL CHECK (kind IN
                   ('pdf', 'email', 'image', 'office', 'text', 'other')),
    size       INTEGER NOT NULL CHECK (size > 0),
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
    added_on   TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    content    BLOB NOT NULL,
    CHECK (length(content) = size),
    UNIQUE (dossier_id, sha256)
) STRICT;
