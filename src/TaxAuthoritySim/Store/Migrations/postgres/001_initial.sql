-- ConformanceKit tax-authority simulator: initial schema (PostgreSQL).
-- Times are timestamptz (microsecond precision), amounts numeric.
-- The runner (PostgresStore) wraps this file in a transaction and records it in schema_migrations.

CREATE TABLE IF NOT EXISTS settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- Counters of the store that must survive ResetAsync (the next inbox feed position), so a T-VAN's
-- cursor taken before a reset never skips responses stored after it.
CREATE TABLE IF NOT EXISTS store_state (
    key   text PRIMARY KEY,
    value bigint NOT NULL
);

-- Messages taken for processing (answered with a 999 TTTNhan 0). Sequences are not restarted by a
-- reset, so a seq is never reused.
CREATE TABLE IF NOT EXISTS messages (
    seq              bigserial   PRIMARY KEY,
    message_id       text        NOT NULL UNIQUE,
    type             text        NOT NULL,
    sender           text        NOT NULL,
    tvan_code        text        NOT NULL,
    tax_code         text,
    count            integer,
    received_at      timestamptz NOT NULL,
    received_wall_at timestamptz NOT NULL,
    due_at           timestamptz NOT NULL,
    sha256           text        NOT NULL,
    body             bytea       NOT NULL,
    ack              bytea       NOT NULL,
    state            integer     NOT NULL DEFAULT 0,
    processed_at     timestamptz,
    outcome          text
);
CREATE INDEX IF NOT EXISTS messages_pending ON messages (seq) WHERE state = 0;

-- Responses (999, 204, 102, 103 ...). feed_seq is the T-VAN inbox position, NULL while the response
-- is not visible yet (a delayed 204).
CREATE TABLE IF NOT EXISTS responses (
    seq               bigserial   PRIMARY KEY,
    feed_seq          bigint      UNIQUE,
    response_id       text        NOT NULL,
    reply_to          text        NOT NULL,
    type              text        NOT NULL,
    tvan_code         text        NOT NULL,
    tax_code          text,
    created_at        timestamptz NOT NULL,
    visible_at        timestamptz NOT NULL,
    body              bytea       NOT NULL,
    summary           text,
    callback_state    integer     NOT NULL DEFAULT 0,
    callback_attempts integer     NOT NULL DEFAULT 0,
    next_callback_at  timestamptz,
    callback_error    text,
    email_pending     boolean     NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS responses_reply_to   ON responses (reply_to, created_at, seq);
CREATE INDEX IF NOT EXISTS responses_inbox      ON responses (tvan_code, feed_seq) WHERE feed_seq IS NOT NULL;
CREATE INDEX IF NOT EXISTS responses_unreleased ON responses (visible_at) WHERE feed_seq IS NULL;
CREATE INDEX IF NOT EXISTS responses_callbacks  ON responses (feed_seq) WHERE callback_state = 1;
CREATE INDEX IF NOT EXISTS responses_emails     ON responses (feed_seq) WHERE email_pending;

-- Invoices stored after a valid package. The MCCQT is unique store-wide: the primary key is the
-- conflict check of CompleteAsync (code already stored, 7005).
CREATE TABLE IF NOT EXISTS invoices (
    code             text        PRIMARY KEY,
    tax_code         text        NOT NULL,
    message_id       text        NOT NULL,
    idx              integer     NOT NULL,
    form             integer,
    series           text,
    number           text,
    issued_on        date,
    seller_name      text,
    buyer_name       text,
    buyer_tax_code   text,
    total_before_tax numeric,
    total_tax        numeric,
    total            numeric,
    currency         text,
    stored_at        timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS invoices_tax_code   ON invoices (tax_code, code);
CREATE INDEX IF NOT EXISTS invoices_message_id ON invoices (message_id, idx);

-- Every message in and out.
CREATE TABLE IF NOT EXISTS journal (
    seq             bigserial   PRIMARY KEY,
    at              timestamptz NOT NULL,
    wall_at         timestamptz NOT NULL,
    direction       text        NOT NULL,
    type            text        NOT NULL,
    message_id      text,
    reply_to        text,
    tax_code        text,
    tvan_code       text,
    http_status     integer,
    outcome         text,
    latency_seconds double precision,
    latency_ms      double precision
);
CREATE INDEX IF NOT EXISTS journal_tax_code ON journal (tax_code, seq);
CREATE INDEX IF NOT EXISTS journal_type     ON journal (type, seq);
