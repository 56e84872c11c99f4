-- The peg-in's per-member state: revealed deposit scripts and one row per deposit outpoint (its natural key),
-- rewritten at every transition (io.synod.peg.domain.pegin.DepositBook).

CREATE TABLE pegin_reveal (
    seq               BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    reveal_id         VARCHAR(66)  PRIMARY KEY,
    recipient         BYTEA        NOT NULL CHECK (octet_length(recipient) = 20),
    nonce             BYTEA        NOT NULL CHECK (octet_length(nonce) = 8),
    refund_public_key BYTEA        NOT NULL CHECK (octet_length(refund_public_key) = 33),
    refund_height     BIGINT       NOT NULL CHECK (refund_height BETWEEN 1 AND 499999999)
);

CREATE TABLE pegin_deposit (
    seq               BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    txid              VARCHAR(64)  NOT NULL,
    vout              INTEGER      NOT NULL CHECK (vout >= 0),
    amount_sats       BIGINT       NOT NULL CHECK (amount_sats > 0),
    reveal_id         VARCHAR(66)  NOT NULL REFERENCES pegin_reveal (reveal_id),
    block_hash        VARCHAR(64)  NOT NULL,
    block_height      BIGINT       NOT NULL CHECK (block_height >= 0),
    state             VARCHAR(20)  NOT NULL CHECK (state IN ('CONFIRMED', 'QUEUED', 'AUTHORISING', 'SIGNED',
                          'SUBMITTED', 'MINTED', 'SWEPT', 'NON_QUALIFYING', 'TOO_LATE', 'REORGED')),
    note              VARCHAR(600) NOT NULL,
    ready_since       TIMESTAMP(6) WITH TIME ZONE,
    group_signature   BYTEA        CHECK (octet_length(group_signature) = 65),
    epoch             BIGINT       NOT NULL CHECK (epoch >= 0),
    mint_tx           VARCHAR(66),
    sweep_txid        VARCHAR(64),
    version           BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (txid, vout)
);

CREATE INDEX pegin_deposit_state ON pegin_deposit (state);
