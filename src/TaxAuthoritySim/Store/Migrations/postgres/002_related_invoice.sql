-- ConformanceKit tax-authority simulator: the related invoice (TTHDLQuan) of a replacement or
-- adjustment, for the monthly Step 2 (8004, 8005). All nullable: invoices stored before this
-- migration, and ordinary invoices, have none.
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS related_kind   integer; -- TCHDon: 1 replacement, 2 adjustment
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS related_form   text;    -- KHMSHDCLQuan
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS related_series text;    -- KHHDCLQuan
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS related_number text;    -- SHDCLQuan
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS related_issued date;    -- NLHDCLQuan
-- Step 2 reads a month of invoices of every taxpayer.
CREATE INDEX IF NOT EXISTS invoices_issued_on ON invoices (issued_on);
