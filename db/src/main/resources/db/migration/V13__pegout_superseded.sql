-- Peg-out: a payout batch can be SUPERSEDED by a rebuild that spends at least one of its inputs (a stale batch that
-- never gathered its signatures), so the two can never both confirm. A superseded batch keeps its row (and its
-- bytes, fixed by the trigger of V5; a batch superseded while BUILT has no signed bytes): it is revived if the chain
-- holds it after all. V5's checks were unnamed: they are found by their definition.
DO $$
DECLARE c text;
BEGIN
    FOR c IN SELECT conname FROM pg_constraint
             WHERE conrelid = 'pegout_batch'::regclass AND contype = 'c'
               AND pg_get_constraintdef(oid) LIKE '%state%'
               AND pg_get_constraintdef(oid) NOT LIKE '%confirmed_block%' LOOP
        EXECUTE format('ALTER TABLE pegout_batch DROP CONSTRAINT %I', c);
    END LOOP;
END $$;

ALTER TABLE pegout_batch ADD CONSTRAINT pegout_batch_state_known
    CHECK (state IN ('BUILT', 'SIGNED', 'BROADCAST', 'CONFIRMED', 'COMPLETED', 'SUPERSEDED'));
ALTER TABLE pegout_batch ADD CONSTRAINT pegout_batch_signed_unless_built
    CHECK (state IN ('BUILT', 'SUPERSEDED') OR signed_tx IS NOT NULL);
