-- Schema v7: the vault's report-signing key (Ed25519, minisign's 8-byte key id). At most one
-- row: made with a new vault, or on first need in an older one. The secret key is kept here
-- only (inside the encrypted vault); reports carry its public key's fingerprint.
CREATE TABLE signing_key (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    key_id     BLOB NOT NULL CHECK (length(key_id) = 8),
    secret_key BLOB NOT NULL CHECK (length(secret_key) = 32),
    created_at TEXT NOT NULL
) STRICT;
