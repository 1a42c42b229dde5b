-- ConformanceKit tax-authority simulator: the related invoice (TTHDLQuan) of a replacement or
-- adjustment, for the monthly Step 2 (8004, 8005). All nullable: invoices stored before this
-- migration, and ordinary invoices, have none.
ALTER TABLE invoices ADD COLUMN related_kind   INTEGER; -- TCHDon: 1 replacement, 2 adjustment
ALTER TABLE invoices ADD COLUMN related_form   TEXT;    -- KHMSHDCLQuan
ALTER TABLE invoices ADD COLUMN related_series TEXT;    -- KHHDCLQuan
ALTER TABLE invoices ADD COLUMN related_number TEXT;    -- SHDCLQuan
ALTER TABLE invoices ADD COLUMN related_issued TEXT;    -- NLHDCLQuan, 'yyyy-MM-dd'
-- Step 2 reads a month of invoices of every taxpayer.
CREATE INDEX IF NOT EXISTS invoices_issued_on ON invoices (issued_on);
