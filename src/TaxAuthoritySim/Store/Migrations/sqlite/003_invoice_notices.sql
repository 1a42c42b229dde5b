-- ConformanceKit tax-authority simulator: the accepted entries of Form 04/SS-HĐĐT (303), one row per
-- invoice the authority accepted the notice for (TTTNCCQT 1 in the 301). An invoice with an accepted
-- cancel (action 1) is cancelled; replaced by / adjusted by come from the invoices' related_* columns.
CREATE TABLE IF NOT EXISTS invoice_notices (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT    NOT NULL, -- MCCQT of the invoice concerned
    tax_code    TEXT    NOT NULL, -- the seller's MST
    message_id  TEXT    NOT NULL, -- MTDiep of the 303
    idx         INTEGER NOT NULL, -- STT of the HDon in the 303
    action      INTEGER NOT NULL, -- TCTBao: 1 cancel, 2 adjust, 3 replace, 4 explain
    reason      TEXT,             -- LDo
    accepted_at INTEGER NOT NULL  -- UTC ticks (simulated)
);
CREATE INDEX IF NOT EXISTS invoice_notices_code ON invoice_notices (code, seq);
-- Step 1's chain rules look the related invoice up by its identity, and who refers to it.
CREATE INDEX IF NOT EXISTS invoices_identity ON invoices (tax_code, series, number);
CREATE INDEX IF NOT EXISTS invoices_related  ON invoices (tax_code, related_series, related_number) WHERE related_kind IS NOT NULL;
