-- Synod baseline schema. Amounts are satoshis in BIGINT (never floating point); hashes and keys are
-- raw bytes with their exact length enforced, so a malformed value cannot be stored at all.

CREATE TABLE group_epoch (
    epoch            BIGINT       PRIMARY KEY CHECK (epoch >= 1),
    public_key       BYTEA        NOT NULL CHECK (octet_length(public_key) = 33),
    threshold        INTEGER      NOT NULL CHECK (threshold >= 1),
    member_count     INTEGER      NOT NULL,
    bitcoin_address  VARCHAR(100) NOT NULL,
    state            VARCHAR(20)  NOT NULL CHECK (state IN ('FORMING', 'ACTIVE', 'RETIRED')),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT group_epoch_signers CHECK (member_count >= 2 * threshold + 1)
);

-- The group key must never change across epochs: resharing keeps it.
CREATE UNIQUE INDEX group_epoch_one_active ON group_epoch (state) WHERE state = 'ACTIVE';

CREATE TABLE member (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    identity_key     BYTEA        NOT NULL UNIQUE CHECK (octet_length(identity_key) = 33),
    display_name     VARCHAR(200) NOT NULL,
    member_index     INTEGER      CHECK (member_index >= 1),
    stake_txid       BYTEA        CHECK (octet_length(stake_txid) = 32),
    stake_vout       INTEGER      CHECK (stake_vout >= 0),
    stake_sats       BIGINT       CHECK (stake_sats >= 0),
    status           VARCHAR(20)  NOT NULL
                     CHECK (status IN ('CANDIDATE', 'ACTIVE', 'LEAVING', 'LEFT', 'EXCLUDED', 'REFUSED')),
    joined_epoch     BIGINT       REFERENCES group_epoch (epoch),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT member_stake_complete CHECK ((stake_txid IS NULL) = (stake_vout IS NULL))
);
CREATE UNIQUE INDEX member_stake_outpoint ON member (stake_txid, stake_vout) WHERE stake_txid IS NOT NULL;

CREATE TABLE deposit (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid             BYTEA        NOT NULL CHECK (octet_length(txid) = 32),
    vout             INTEGER      NOT NULL CHECK (vout >= 0),
    amount_sats      BIGINT       NOT NULL CHECK (amount_sats > 0),
    recipient        VARCHAR(42)  NOT NULL,
    confirmations    INTEGER      NOT NULL DEFAULT 0 CHECK (confirmations >= 0),
    state            VARCHAR(20)  NOT NULL
                     CHECK (state IN ('SEEN', 'CONFIRMED', 'MINTING', 'MINTED', 'SWEPT', 'REFUNDABLE', 'ORPHANED')),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT deposit_outpoint UNIQUE (txid, vout)
);

CREATE TABLE mint (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deposit_id       BIGINT       NOT NULL UNIQUE REFERENCES deposit (id),
    amount_sats      BIGINT       NOT NULL CHECK (amount_sats > 0),
    recipient        VARCHAR(42)  NOT NULL,
    sidechain_tx     BYTEA        CHECK (octet_length(sidechain_tx) = 32),
    state            VARCHAR(20)  NOT NULL CHECK (state IN ('AUTHORISING', 'SUBMITTED', 'MINED', 'FINAL')),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE redemption (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sequence         BIGINT       NOT NULL UNIQUE CHECK (sequence >= 0),
    amount_sats      BIGINT       NOT NULL CHECK (amount_sats > 0),
    output_script    BYTEA        NOT NULL CHECK (octet_length(output_script) BETWEEN 1 AND 80),
    state            VARCHAR(20)  NOT NULL
                     CHECK (state IN ('REQUESTED', 'QUEUED', 'BATCHED', 'SIGNED', 'BROADCAST', 'CONFIRMED')),
    payout_txid      BYTEA        CHECK (octet_length(payout_txid) = 32),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE signing_session (
    session_id       BYTEA        PRIMARY KEY CHECK (octet_length(session_id) = 32),
    kind             VARCHAR(20)  NOT NULL CHECK (kind IN ('KEYGEN', 'RESHARE', 'PRESIGN', 'SIGN', 'HEARTBEAT')),
    epoch            BIGINT       NOT NULL,
    round            INTEGER      NOT NULL DEFAULT 0 CHECK (round >= 0),
    state            VARCHAR(20)  NOT NULL CHECK (state IN ('OPEN', 'COMPLETED', 'ABORTED')),
    deadline         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0
);

-- Append-only and hash-chained: each row commits to its predecessor, so an export can be checked
-- for deletions or edits by recomputing the chain.
CREATE TABLE audit_event (
    id               BIGINT       PRIMARY KEY CHECK (id >= 1),
    occurred_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor            VARCHAR(200) NOT NULL,
    action           VARCHAR(100) NOT NULL,
    subject          VARCHAR(200) NOT NULL,
    detail           VARCHAR(4000) NOT NULL,
    previous_hash    BYTEA        NOT NULL CHECK (octet_length(previous_hash) = 32),
    event_hash       BYTEA        NOT NULL UNIQUE CHECK (octet_length(event_hash) = 32)
);

CREATE RULE audit_event_no_update AS ON UPDATE TO audit_event DO INSTEAD NOTHING;
CREATE RULE audit_event_no_delete AS ON DELETE TO audit_event DO INSTEAD NOTHING;

-- Remembers the first answer to each state-changing request so that a retry after a timeout
-- returns it instead of executing twice.
CREATE TABLE idempotency_record (
    principal        VARCHAR(200) NOT NULL,
    idempotency_key  VARCHAR(200) NOT NULL,
    request_hash     BYTEA        NOT NULL CHECK (octet_length(request_hash) = 32),
    response_status  INTEGER      NOT NULL,
    response_type    VARCHAR(100) NOT NULL,
    response_body    VARCHAR(65536) NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
