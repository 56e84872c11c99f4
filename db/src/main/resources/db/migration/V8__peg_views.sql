-- Peg views (io.synod.peg.application.invariants): the alerts raised when the books and the chains differ. One row per
-- distinct difference found, with both figures, the block of either chain where it was found and the evidence read;
-- cleared_at is set when a later block shows the invariant holding again. Rows are never deleted.

CREATE TABLE peg_invariant_alert (
    id          BIGSERIAL    PRIMARY KEY,
    invariant   VARCHAR(40)  NOT NULL,
    expected    BIGINT       NOT NULL,
    found       BIGINT       NOT NULL,
    detail      VARCHAR(200) NOT NULL,
    raised_at_block VARCHAR(300) NOT NULL,
    evidence    TEXT         NOT NULL,
    raised_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    cleared_at_block VARCHAR(300),
    CHECK (expected <> found)
);

-- At most one open alert per distinct difference.
CREATE UNIQUE INDEX peg_invariant_alert_open ON peg_invariant_alert (invariant, expected, found)
    WHERE cleared_at_block IS NULL;

-- A non-qualifying deposit can be returned to its depositor by group decision (REFUNDED, set from the confirmed refund).
ALTER TABLE pegin_deposit DROP CONSTRAINT pegin_deposit_state_check;
ALTER TABLE pegin_deposit ADD CONSTRAINT pegin_deposit_state_check CHECK (state IN ('CONFIRMED', 'QUEUED',
    'AUTHORISING', 'SIGNED', 'SUBMITTED', 'MINTED', 'SWEPT', 'NON_QUALIFYING', 'TOO_LATE', 'REORGED', 'REFUNDED'));
