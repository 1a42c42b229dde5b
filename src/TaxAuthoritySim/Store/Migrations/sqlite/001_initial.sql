-- ConformanceKit tax-authority simulator: initial schema (SQLite).
-- Times are INTEGER UTC ticks (100 ns since 0001-01-01): they sort and compare correctly
-- (visible_at <= now) and cost no parsing. Dates are 'yyyy-MM-dd' text. Amounts are invariant
-- decimal text (display only, exact round trip).
-- The runner (SqliteStore) wraps this file in a transaction and records it in schema_migrations.

CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Counters of the store that must survive ResetAsync (the next inbox feed position), so a T-VAN's
-- cursor taken before a reset never skips responses stored after it.
CREATE TABLE IF NOT EXISTS store_state (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

-- Messages taken for processing (answered with a 999 TTTNhan 0). AUTOINCREMENT: a seq is never
-- reused, even after a reset.
CREATE TABLE IF NOT EXISTS messages (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id       TEXT    NOT NULL UNIQUE,
    type             TEXT    NOT NULL,
    sender           TEXT    NOT NULL,
    tvan_code        TEXT    NOT NULL,
    tax_code         TEXT,
    count            INTEGER,
    received_at      INTEGER NOT NULL,
    received_wall_at INTEGER NOT NULL,
    due_at           INTEGER NOT NULL,
    sha256           TEXT    NOT NULL,
    body             BLOB    NOT NULL,
    ack              BLOB    NOT NULL,
    state            INTEGER NOT NULL DEFAULT 0,
    processed_at     INTEGER,
    outcome          TEXT
);
-- Recovery after a restart: messages still Received, oldest first.
CREATE INDEX IF NOT EXISTS messages_pending ON messages (seq) WHERE state = 0;

-- Responses (999, 204, 102, 103 ...). feed_seq is the T-VAN inbox position, NULL while the response
-- is not visible yet (a delayed 204); several NULLs are allowed by UNIQUE.
CREATE TABLE IF NOT EXISTS responses (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    feed_seq          INTEGER UNIQUE,
    response_id       TEXT    NOT NULL,
    reply_to          TEXT    NOT NULL,
    type              TEXT    NOT NULL,
    tvan_code         TEXT    NOT NULL,
    tax_code          TEXT,
    created_at        INTEGER NOT NULL,
    visible_at        INTEGER NOT NULL,
    body              BLOB    NOT NULL,
    summary           TEXT,
    callback_state    INTEGER NOT NULL DEFAULT 0,
    callback_attempts INTEGER NOT NULL DEFAULT 0,
    next_callback_at  INTEGER,
    callback_error    TEXT,
    email_pending     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS responses_reply_to   ON responses (reply_to, created_at, seq);
CREATE INDEX IF NOT EXISTS responses_inbox      ON responses (tvan_code, feed_seq) WHERE feed_seq IS NOT NULL;
CREATE INDEX IF NOT EXISTS responses_unreleased ON responses (visible_at) WHERE feed_seq IS NULL;
CREATE INDEX IF NOT EXISTS responses_callbacks  ON responses (feed_seq) WHERE callback_state = 1;
CREATE INDEX IF NOT EXISTS responses_emails     ON responses (feed_seq) WHERE email_pending = 1;

-- Invoices stored after a valid package. The MCCQT is unique store-wide: the primary key is the
-- conflict check of CompleteAsync (code already stored, 7005).
CREATE TABLE IF NOT EXISTS invoices (
    code             TEXT    PRIMARY KEY,
    tax_code         TEXT    NOT NULL,
    message_id       TEXT    NOT NULL,
    idx              INTEGER NOT NULL,
    form             INTEGER,
    series           TEXT,
    number           TEXT,
    issued_on        TEXT,
    seller_name      TEXT,
    buyer_name       TEXT,
    buyer_tax_code   TEXT,
    total_before_tax TEXT,
    total_tax        TEXT,
    total            TEXT,
    currency         TEXT,
    stored_at        INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS invoices_tax_code   ON invoices (tax_code, code);
CREATE INDEX IF NOT EXISTS invoices_message_id ON invoices (message_id, idx);

-- Every message in and out.
CREATE TABLE IF NOT EXISTS journal (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    at              INTEGER NOT NULL,
    wall_at         INTEGER NOT NULL,
    direction       TEXT    NOT NULL,
    type            TEXT    NOT NULL,
    message_id      TEXT,
    reply_to        TEXT,
    tax_code        TEXT,
    tvan_code       TEXT,
    http_status     INTEGER,
    outcome         TEXT,
    latency_seconds REAL,
    latency_ms      REAL
);
CREATE INDEX IF NOT EXISTS journal_tax_code ON journal (tax_code, seq);
CREATE INDEX IF NOT EXISTS journal_type     ON journal (type, seq);
