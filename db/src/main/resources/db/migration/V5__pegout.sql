-- Peg-out (io.synod.peg.domain.pegout): redemptions keyed by their sidechain sequence number, payout batches keyed by
-- id with their transaction fixed at creation (txid unique: a redemption is paid by one transaction, ever), and the
-- child-pays-for-parent bumps of stuck payouts. Rows are updated as a payout progresses; the bytes of a built or
-- signed transaction are never changed once written (see the trigger).

CREATE TABLE pegout_batch (
    id                BIGINT       PRIMARY KEY CHECK (id > 0),
    created_height    BIGINT       NOT NULL CHECK (created_height >= 0),
    fee_rate_sat_kvb  BIGINT       NOT NULL CHECK (fee_rate_sat_kvb > 0),
    sequences         BIGINT[]     NOT NULL CHECK (cardinality(sequences) > 0),
    total_sats        BIGINT       NOT NULL CHECK (total_sats > 0),
    unsigned_tx       BYTEA        NOT NULL,
    signed_tx         BYTEA,
    txid              CHAR(64)     NOT NULL UNIQUE,
    fee_sats          BIGINT       NOT NULL CHECK (fee_sats >= 0),
    state             VARCHAR(20)  NOT NULL
                      CHECK (state IN ('BUILT', 'SIGNED', 'BROADCAST', 'CONFIRMED', 'COMPLETED')),
    broadcast_height  BIGINT       NOT NULL DEFAULT -1,
    confirmed_block   CHAR(64),
    confirmed_height  BIGINT       NOT NULL DEFAULT -1,
    updated_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(),
    CHECK (state = 'BUILT' OR signed_tx IS NOT NULL),
    CHECK (state NOT IN ('CONFIRMED', 'COMPLETED') OR confirmed_block IS NOT NULL)
);

CREATE TABLE pegout_redemption (
    sequence              BIGINT       PRIMARY KEY CHECK (sequence > 0),
    requester             VARCHAR(42)  NOT NULL,
    amount_sats           BIGINT       NOT NULL CHECK (amount_sats > 0),
    output_script         BYTEA        NOT NULL CHECK (octet_length(output_script) BETWEEN 1 AND 80),
    sidechain_block       BIGINT       NOT NULL CHECK (sidechain_block >= 0),
    sidechain_block_hash  VARCHAR(66)  NOT NULL,
    sidechain_tx          VARCHAR(66)  NOT NULL,
    status                VARCHAR(20)  NOT NULL
                          CHECK (status IN ('REQUESTED', 'QUEUED', 'QUEUED_BY_LIMIT', 'BATCHED', 'SIGNED', 'BROADCAST',
                                            'CONFIRMED', 'COMPLETED')),
    limit_reason          VARCHAR(20)  NOT NULL CHECK (limit_reason IN ('NONE', 'ROLLING_CAP', 'OVER_MAXIMUM')),
    batch_id              BIGINT       REFERENCES pegout_batch (id),
    oversize_released     BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_at            TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(),
    CHECK ((status = 'QUEUED_BY_LIMIT') = (limit_reason <> 'NONE'))
);

CREATE INDEX pegout_redemption_status ON pegout_redemption (status, sequence);
CREATE INDEX pegout_redemption_block ON pegout_redemption (sidechain_block_hash);

CREATE TABLE pegout_fee_bump (
    batch_id          BIGINT       NOT NULL REFERENCES pegout_batch (id),
    number            INTEGER      NOT NULL CHECK (number > 0),
    package_rate      BIGINT       NOT NULL CHECK (package_rate > 0),
    unsigned_tx       BYTEA        NOT NULL,
    signed_tx         BYTEA,
    txid              CHAR(64)     NOT NULL UNIQUE,
    fee_sats          BIGINT       NOT NULL CHECK (fee_sats > 0),
    broadcast_height  BIGINT       NOT NULL DEFAULT -1,
    PRIMARY KEY (batch_id, number)
);

-- A payout's transaction, once written, is the source of truth: its bytes and txid never change.
CREATE FUNCTION pegout_tx_fixed() RETURNS trigger AS $$
BEGIN
    IF NEW.unsigned_tx <> OLD.unsigned_tx OR NEW.txid <> OLD.txid
       OR (OLD.signed_tx IS NOT NULL AND NEW.signed_tx IS DISTINCT FROM OLD.signed_tx) THEN
        RAISE EXCEPTION 'payout transaction % is fixed once written', OLD.txid;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pegout_batch_tx_fixed BEFORE UPDATE ON pegout_batch
    FOR EACH ROW EXECUTE FUNCTION pegout_tx_fixed();
CREATE TRIGGER pegout_fee_bump_tx_fixed BEFORE UPDATE ON pegout_fee_bump
    FOR EACH ROW EXECUTE FUNCTION pegout_tx_fixed();
