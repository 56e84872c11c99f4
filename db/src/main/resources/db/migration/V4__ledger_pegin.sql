-- The peg's double-entry ledger (io.synod.peg.domain.ledger) and the peg-in's deposit records.
-- An entry is written once under its natural key and never updated or deleted: corrections are new entries.

CREATE TABLE ledger_entry (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    natural_key      VARCHAR(200) NOT NULL,
    kind             VARCHAR(40)  NOT NULL,
    evidence         VARCHAR(400) NOT NULL,
    recorded_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ledger_entry_natural_key UNIQUE (natural_key)
);

CREATE TABLE ledger_posting (
    entry_id         BIGINT       NOT NULL REFERENCES ledger_entry (id),
    line             INTEGER      NOT NULL CHECK (line >= 0),
    account          VARCHAR(40)  NOT NULL,
    direction        VARCHAR(6)   NOT NULL CHECK (direction IN ('DEBIT', 'CREDIT')),
    amount_sats      BIGINT       NOT NULL CHECK (amount_sats > 0),
    PRIMARY KEY (entry_id, line)
);

CREATE INDEX ledger_posting_account ON ledger_posting (account);

CREATE FUNCTION ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_posting_append_only BEFORE UPDATE OR DELETE ON ledger_posting
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
