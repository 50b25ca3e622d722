-- Schema v9: invoicing. An organisation's agreement (what the advisor charges it), and the
-- invoices: drafts the advisor adjusts, final ones that never change (a mistake is credited
-- by a credit invoice), numbered in sequence without reuse. Amounts in euro cents, VAT rates
-- in basis points (2100 = 21%). Lines never name dossiers or dates: time is summed per activity.
CREATE TABLE agreements (
    organisation_id        INTEGER PRIMARY KEY REFERENCES organisations (id),
    yearly_fee_cents       INTEGER NOT NULL DEFAULT 0 CHECK (yearly_fee_cents >= 0),
    hourly_rate_cents      INTEGER NOT NULL DEFAULT 0 CHECK (hourly_rate_cents >= 0),
    conversation_fee_cents INTEGER NOT NULL DEFAULT 0 CHECK (conversation_fee_cents >= 0),
    hours_included         INTEGER NOT NULL DEFAULT 0 CHECK (hours_included >= 0),
    vat_rate_bp            INTEGER NOT NULL DEFAULT 2100 CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    debtor_name            TEXT NOT NULL DEFAULT '',
    debtor_street          TEXT NOT NULL DEFAULT '',
    debtor_postcode        TEXT NOT NULL DEFAULT '',
    debtor_city            TEXT NOT NULL DEFAULT '',
    debtor_country         TEXT NOT NULL DEFAULT 'NL',
    debtor_kvk             TEXT NOT NULL DEFAULT '',
    debtor_reference       TEXT NOT NULL DEFAULT '',
    updated_at             TEXT NOT NULL
) STRICT;

CREATE TABLE invoices (
    id              INTEGER PRIMARY KEY,
    number          TEXT UNIQUE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    period          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('concept', 'definitief')),
    credit_of       INTEGER REFERENCES invoices (id),
    issued_on       TEXT,
    due_on          TEXT,
    sent_on         TEXT,
    paid_on         TEXT,
    debtor_name     TEXT NOT NULL,
    debtor_street   TEXT NOT NULL,
    debtor_postcode TEXT NOT NULL,
    debtor_city     TEXT NOT NULL,
    debtor_country  TEXT NOT NULL,
    debtor_kvk      TEXT NOT NULL,
    debtor_reference TEXT NOT NULL,
    warning_minutes INTEGER,
    created_at      TEXT NOT NULL,
    CHECK ((status = 'concept') = (number IS NULL))
) STRICT;

CREATE TABLE invoice_lines (
    invoice_id       INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    description      TEXT NOT NULL,
    quantity_milli   INTEGER NOT NULL,
    unit             TEXT NOT NULL CHECK (unit IN ('hour', 'month', 'conversation', 'piece')),
    unit_price_cents INTEGER NOT NULL,
    vat_rate_bp      INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    PRIMARY KEY (invoice_id, position)
) STRICT;

-- A final invoice and its lines never change; only sent_on and paid_on are recorded later.
CREATE TRIGGER invoices_final_fixed BEFORE UPDATE OF number, organisation_id, period, status,
    credit_of, issued_on, due_on, debtor_name, debtor_street, debtor_postcode, debtor_city,
    debtor_country, debtor_kvk, debtor_reference ON invoices
    WHEN OLD.status = 'definitief'
BEGIN
    SELECT RAISE(ABORT, 'final invoice');
END;
CREATE TRIGGER invoices_final_kept BEFORE DELETE ON invoices WHEN OLD.status = 'definitief'
BEGIN
    SELECT RAISE(ABORT, 'final invoice');
END;
CREATE TRIGGER invoice_lines_final_insert BEFORE INSERT ON invoice_lines
    WHEN (SELECT status FROM invoices WHERE id = NEW.invoice_id) = 'definitief'
BEGIN
    SELECT RAISE(ABORT, 'final invoice');
END;
CREATE TRIGGER invoice_lines_final_update BEFORE UPDATE ON invoice_lines
    WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) = 'definitief'
BEGIN
    SELECT RAISE(ABORT, 'final invoice');
END;
CREATE TRIGGER invoice_lines_final_delete BEFORE DELETE ON invoice_lines
    WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) = 'definitief'
BEGIN
    SELECT RAISE(ABORT, 'final invoice');
END;
