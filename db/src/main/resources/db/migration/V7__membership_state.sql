-- Membership decisions (io.synod.membership.domain.MembershipBook): each row is a decision this member took, keyed by
-- its natural key so that a member that restarts and replays what it saw never takes the same decision twice.
-- Addresses are identity addresses (0x + 40 lowercase hex); txids are kept in internal byte order, 32 bytes.

CREATE TABLE membership_stake_refusal (
    candidate     VARCHAR(42)  NOT NULL CHECK (candidate ~ '^0x[0-9a-f]{40}$'),
    stake_txid    BYTEA        NOT NULL CHECK (octet_length(stake_txid) = 32),
    stake_vout    INTEGER      NOT NULL CHECK (stake_vout >= 0),
    reason        VARCHAR(20)  NOT NULL
                  CHECK (reason IN ('MISSING', 'SPENT', 'WRONG_ADDRESS', 'BELOW_MINIMUM', 'UNCONFIRMED', 'ALREADY_USED')),
    detail        TEXT         NOT NULL,
    refused_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    seq           BIGSERIAL    NOT NULL UNIQUE,
    PRIMARY KEY (candidate, stake_txid, stake_vout)
);

CREATE TABLE membership_conviction (
    culprit        VARCHAR(42)  NOT NULL CHECK (culprit ~ '^0x[0-9a-f]{40}$'),
    evidence_hash  BYTEA        NOT NULL CHECK (octet_length(evidence_hash) = 32),
    culprit_index  INTEGER      NOT NULL CHECK (culprit_index > 0),
    session_id     BYTEA        NOT NULL CHECK (octet_length(session_id) = 32),
    evidence_kind  VARCHAR(60)  NOT NULL,
    evidence       BYTEA        NOT NULL CHECK (octet_length(evidence) > 0),
    detail         TEXT         NOT NULL,
    convicted_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    seq            BIGSERIAL    NOT NULL UNIQUE,
    PRIMARY KEY (culprit, evidence_hash)
);

CREATE TABLE membership_false_accusation (
    accuser        VARCHAR(42)  NOT NULL,
    session_id     BYTEA        NOT NULL CHECK (octet_length(session_id) = 32),
    accused        INTEGER      NOT NULL,
    accuser_index  INTEGER      NOT NULL,
    accusation     BYTEA        NOT NULL,
    reason         TEXT         NOT NULL,
    recorded_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    seq            BIGSERIAL    NOT NULL UNIQUE,
    PRIMARY KEY (accuser, session_id, accused)
);

CREATE TABLE membership_exclusion (
    member        VARCHAR(42)  PRIMARY KEY CHECK (member ~ '^0x[0-9a-f]{40}$'),
    member_index  INTEGER      NOT NULL CHECK (member_index > 0),
    cause         VARCHAR(20)  NOT NULL CHECK (cause IN ('CONVICTED', 'MISSED_DEADLINES')),
    detail        TEXT         NOT NULL,
    decided_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    seq           BIGSERIAL    NOT NULL UNIQUE
);

-- One confiscation per member; state only moves forward (checked by the application, and the txid, once set,
-- never changes: see the trigger).
CREATE TABLE membership_confiscation (
    member         VARCHAR(42)  PRIMARY KEY CHECK (member ~ '^0x[0-9a-f]{40}$'),
    stake_txid     BYTEA        NOT NULL CHECK (octet_length(stake_txid) = 32),
    stake_vout     INTEGER      NOT NULL CHECK (stake_vout >= 0),
    evidence_hash  BYTEA        NOT NULL CHECK (octet_length(evidence_hash) = 32),
    state          VARCHAR(20)  NOT NULL CHECK (state IN ('PENDING', 'BROADCAST', 'CONFIRMED', 'RECORDED')),
    bitcoin_txid   VARCHAR(64),
    updated_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    seq            BIGSERIAL    NOT NULL UNIQUE,
    CHECK (state = 'PENDING' OR bitcoin_txid IS NOT NULL)
);

CREATE FUNCTION membership_confiscation_fixed() RETURNS trigger AS $$
BEGIN
    IF NEW.stake_txid <> OLD.stake_txid OR NEW.stake_vout <> OLD.stake_vout
            OR NEW.evidence_hash <> OLD.evidence_hash
            OR (OLD.bitcoin_txid IS NOT NULL AND NEW.bitcoin_txid IS DISTINCT FROM OLD.bitcoin_txid) THEN
        RAISE EXCEPTION 'confiscation of % cannot change its stake, evidence or transaction', OLD.member;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER membership_confiscation_fixed BEFORE UPDATE ON membership_confiscation
    FOR EACH ROW EXECUTE FUNCTION membership_confiscation_fixed();

-- Missed board deadlines: each session's attendance is counted once (membership_deadline_session), the tally per
-- member is how many deadlines in a row it has missed.
CREATE TABLE membership_deadline_session (
    session_id   BYTEA        PRIMARY KEY CHECK (octet_length(session_id) = 32),
    counted_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE TABLE membership_deadline_tally (
    member_index   INTEGER      PRIMARY KEY CHECK (member_index > 0),
    member         VARCHAR(42)  NOT NULL CHECK (member ~ '^0x[0-9a-f]{40}$'),
    missed_in_row  INTEGER      NOT NULL CHECK (missed_in_row >= 0)
);
