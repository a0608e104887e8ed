-- Embedded (H2, file-backed) store. Each table mirrors one DynamoDB table of the aws profile.
CREATE TABLE IF NOT EXISTS payouts (
    id                     VARCHAR(40)    PRIMARY KEY,
    idempotency_key        VARCHAR(255)   NOT NULL,
    fingerprint            VARCHAR(64)    NOT NULL,
    source                 VARCHAR(100)   NOT NULL,
    customer_id            VARCHAR(64)    NOT NULL,
    payee_id               VARCHAR(40)    NOT NULL,
    payee_masked           VARCHAR(200),
    amount                 DECIMAL(15, 2) NOT NULL,
    currency               VARCHAR(3)     NOT NULL,
    method                 VARCHAR(8)     NOT NULL,
    reference              VARCHAR(280),
    monoova_reference      VARCHAR(200)   NOT NULL,
    status                 VARCHAR(20)    NOT NULL,
    version                BIGINT         NOT NULL,
    monoova_transaction_id BIGINT,
    failure_reason         VARCHAR(1000),
    submit_attempts        INT            NOT NULL,
    created_at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    history                CLOB           NOT NULL
);
-- Maker-checker (issue 6): who asked, until when it may be approved, who decided. Added with ALTER so an
-- existing ./data keeps working.
ALTER TABLE payouts ADD COLUMN IF NOT EXISTS created_by_id     VARCHAR(200);
ALTER TABLE payouts ADD COLUMN IF NOT EXISTS created_by_name   VARCHAR(200);
ALTER TABLE payouts ADD COLUMN IF NOT EXISTS approval_deadline TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE payouts ADD COLUMN IF NOT EXISTS decided_by_id     VARCHAR(200);
ALTER TABLE payouts ADD COLUMN IF NOT EXISTS decided_by_name   VARCHAR(200);
-- The payee version (destination) a payout was created for (issue 3); null for older payouts (version 1).
ALTER TABLE payouts ADD COLUMN IF NOT EXISTS payee_version     INT;
CREATE UNIQUE INDEX IF NOT EXISTS payouts_monoova_reference ON payouts (monoova_reference);
CREATE INDEX IF NOT EXISTS payouts_status_updated ON payouts (status, updated_at);
CREATE INDEX IF NOT EXISTS payouts_created ON payouts (created_at, id);
CREATE INDEX IF NOT EXISTS payouts_customer_created ON payouts (customer_id, created_at, id);

CREATE TABLE IF NOT EXISTS payees (
    id               VARCHAR(40)  PRIMARY KEY,
    customer_id      VARCHAR(64)  NOT NULL,
    type             VARCHAR(20)  NOT NULL,
    masked           VARCHAR(1000) NOT NULL,
    de_eligible      BOOLEAN      NOT NULL,
    kek_id           VARCHAR(100) NOT NULL,
    wrapped_data_key VARBINARY(4096) NOT NULL,
    ciphertext       VARBINARY(8192) NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS payees_customer ON payees (customer_id, created_at);
-- Payee versions, blind index and crypto-shredding (issue 3, ADR 0010). The head row keeps owner, current
-- version, masked facts and the blind index; every version's ciphertext and wrapped data key live in
-- payee_versions. Heads written before this (their sealed columns filled) are moved to version 1 below.
ALTER TABLE payees ALTER COLUMN kek_id SET NULL;
ALTER TABLE payees ALTER COLUMN wrapped_data_key SET NULL;
ALTER TABLE payees ALTER COLUMN ciphertext SET NULL;
ALTER TABLE payees ADD COLUMN IF NOT EXISTS version INT DEFAULT 1 NOT NULL;
ALTER TABLE payees ADD COLUMN IF NOT EXISTS blind_index VARCHAR(64);
CREATE UNIQUE INDEX IF NOT EXISTS payees_blind_index ON payees (customer_id, blind_index);
CREATE TABLE IF NOT EXISTS payee_versions (
    payee_id         VARCHAR(40)  NOT NULL,
    version          INT          NOT NULL,
    type             VARCHAR(20)  NOT NULL,
    masked           VARCHAR(1000) NOT NULL,
    de_eligible      BOOLEAN      NOT NULL,
    kek_id           VARCHAR(2048),
    wrapped_data_key VARBINARY(4096),
    ciphertext       VARBINARY(8192) NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    shredded_at      TIMESTAMP(6) WITH TIME ZONE,
    PRIMARY KEY (payee_id, version)
);
INSERT INTO payee_versions (payee_id, version, type, masked, de_eligible, kek_id, wrapped_data_key, ciphertext, created_at)
    SELECT p.id, 1, p.type, p.masked, p.de_eligible, p.kek_id, p.wrapped_data_key, p.ciphertext, p.created_at
    FROM payees p
    WHERE p.ciphertext IS NOT NULL AND NOT EXISTS (SELECT 1 FROM payee_versions v WHERE v.payee_id = p.id);
UPDATE payees SET kek_id = NULL, wrapped_data_key = NULL, ciphertext = NULL WHERE ciphertext IS NOT NULL;

-- Keys of queue messages already processed (Camel idempotent consumers), one namespace per consumer.
CREATE TABLE IF NOT EXISTS processed_messages (
    repository  VARCHAR(64)  NOT NULL,
    message_key VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (repository, message_key)
);

-- What each Monoova webhook did to us, by Webhookid.
CREATE TABLE IF NOT EXISTS webhook_receipts (
    webhook_id  VARCHAR(64)  PRIMARY KEY,
    event_name  VARCHAR(64)  NOT NULL,
    outcome     VARCHAR(20)  NOT NULL,
    payout_id   VARCHAR(40),
    detail      VARCHAR(1000),
    received_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- API keys (issue 6): only a salted HMAC of each secret is stored, never the secret.
CREATE TABLE IF NOT EXISTS api_keys (
    id                  VARCHAR(64)   PRIMARY KEY,
    name                VARCHAR(100)  NOT NULL,
    roles               VARCHAR(500)  NOT NULL,
    customers           VARCHAR(4000) NOT NULL,
    salt                VARBINARY(64) NOT NULL,
    secret_hash         VARBINARY(64) NOT NULL,
    previous_salt       VARBINARY(64),
    previous_hash       VARBINARY(64),
    previous_valid_until TIMESTAMP(6) WITH TIME ZONE,
    per_request_limit   DECIMAL(15, 2),
    daily_limit         DECIMAL(15, 2),
    created_by          VARCHAR(200)  NOT NULL,
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    rotated_at          TIMESTAMP(6) WITH TIME ZONE,
    revoked_at          TIMESTAMP(6) WITH TIME ZONE,
    version             BIGINT        NOT NULL
);

-- The audit trail (issue 6): a hash chain; the primary key on the sequence number is what keeps it
-- linear when several writers append at once (the loser re-reads the head and tries the next number).
CREATE TABLE IF NOT EXISTS audit_log (
    seq         BIGINT        PRIMARY KEY,
    at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor_id    VARCHAR(200)  NOT NULL,
    actor_name  VARCHAR(200)  NOT NULL,
    action      VARCHAR(100)  NOT NULL,
    entity      VARCHAR(200)  NOT NULL,
    before_json CLOB,
    after_json  CLOB,
    prev_hash   VARCHAR(64)   NOT NULL,
    hash        VARCHAR(64)   NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_entity ON audit_log (entity, seq);

-- Daily totals for limits (issue 6), in cents, one row per counter and day; increments are conditional.
CREATE TABLE IF NOT EXISTS limit_counters (
    counter_id  VARCHAR(300)  PRIMARY KEY,
    total_cents BIGINT        NOT NULL,
    expires_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Funding (ADR 0006): the one balance payouts reserve from, each payout's reservation, and the
-- append-only ledger of money in (and of audited adjustments).
CREATE TABLE IF NOT EXISTS funding_balance (
    id                 VARCHAR(40)    PRIMARY KEY,
    available          DECIMAL(17, 2) NOT NULL,
    reserved           DECIMAL(17, 2) NOT NULL,
    shortfall          DECIMAL(17, 2) NOT NULL,
    monoova_available  DECIMAL(19, 4),
    monoova_checked_at TIMESTAMP(6) WITH TIME ZONE,
    version            BIGINT         NOT NULL,
    updated_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE IF NOT EXISTS funding_reservations (
    payout_id  VARCHAR(40)    PRIMARY KEY,
    amount     DECIMAL(15, 2) NOT NULL,
    state      VARCHAR(12)    NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS funding_reservations_state ON funding_reservations (state, created_at);

CREATE TABLE IF NOT EXISTS funding_ledger (
    entry_id               VARCHAR(80)    PRIMARY KEY,
    kind                   VARCHAR(20)    NOT NULL,
    source                 VARCHAR(40)    NOT NULL,
    monoova_transaction_id VARCHAR(40),
    amount                 DECIMAL(17, 2) NOT NULL,
    batch_id               VARCHAR(40),
    reference              VARCHAR(300),
    ledger_day             DATE           NOT NULL,
    occurred_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    recorded_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    detail                 VARCHAR(1000)
);
CREATE INDEX IF NOT EXISTS funding_ledger_day ON funding_ledger (ledger_day, occurred_at);

-- Append-only audit of dead-letter redrives (who, what, when).
CREATE TABLE IF NOT EXISTS redrive_audit (
    id             VARCHAR(64)  PRIMARY KEY,
    redriven_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    who            VARCHAR(100) NOT NULL,
    queue          VARCHAR(100) NOT NULL,
    message_id     VARCHAR(100) NOT NULL,
    new_message_id VARCHAR(100),
    reason         VARCHAR(1000),
    outcome        VARCHAR(20)  NOT NULL
);
CREATE INDEX IF NOT EXISTS redrive_audit_at ON redrive_audit (redriven_at);

-- The latest name check of each payee (PayID owner name compared with ours); the owner name masked only.
CREATE TABLE IF NOT EXISTS name_checks (
    payee_id          VARCHAR(64)   PRIMARY KEY,
    customer_id       VARCHAR(100),
    result            VARCHAR(20)   NOT NULL,
    owner_name_masked VARCHAR(200),
    fee_inc_gst       DECIMAL(17, 4),
    monoova_token     VARCHAR(64),
    checked_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    checked_by_id     VARCHAR(200),
    checked_by_name   VARCHAR(200)
);
