-- Peg-out: batch ids are now derived from their txids (io.synod.peg.domain.pegout.PayoutBatch.idFor), so that two
-- proposers never give two payouts one id and a member adopting a payout it missed names it as the others do. Ids
-- then say nothing about age: batches are listed in the order they were first saved.
ALTER TABLE pegout_batch ADD COLUMN saved_order BIGSERIAL;
CREATE INDEX pegout_batch_saved_order ON pegout_batch (saved_order);
