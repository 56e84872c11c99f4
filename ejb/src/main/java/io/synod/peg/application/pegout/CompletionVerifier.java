package io.synod.peg.application.pegout;

import java.math.BigInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.Txid;
import io.synod.chain.evm.Eip712;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.peg.domain.pegout.CompletionAction;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.TrackedRedemption;

/**
 * A member's check of a {@link CompletionAction}: every redemption it lists belongs, in this member's store, to the
 * batch whose txid the action names (one stranger would have the group record a payment that never happened); this
 * member's Bitcoin node shows that transaction with the required confirmations; the contract and epoch are the ones
 * this member's sidechain node reports. The digest is this member's own EIP-712 encoding of
 * {@code CompleteRedemptions}. A list short of the whole batch is fine: each listed redemption is still paid by that
 * confirmed transaction (the proposer leaves out what the contract already shows completed).
 */
public final class CompletionVerifier implements ActionVerifier {

    private final MemberView view;

    public CompletionVerifier(MemberView view) {
        this.view = view;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.REDEMPTION_COMPLETION;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        CompletionAction a = ActionVerifier.decodeOrRefuse(kind(), encodedAction, CompletionAction::decode);
        SidechainRedemptions sidechain = view.sidechain();
        if (!a.redemptionContract().equals(sidechain.contract())) {
            throw refuse("contract " + a.redemptionContract() + " is not this member's redemption contract");
        }
        long epoch = sidechain.currentEpoch();
        if (a.epoch() != epoch) {
            throw refuse("epoch " + a.epoch() + " is not the current epoch " + epoch);
        }
        String txid = a.payoutTxidHex();
        for (long seq : a.sequences()) {
            TrackedRedemption r = view.store().redemption(seq)
                    .orElseThrow(() -> refuse("redemption " + seq + " is unknown to this member"));
            PayoutBatch batch = view.store().batch(r.batchId().orElseThrow(
                    () -> refuse("redemption " + seq + " is in no batch this member approved")))
                    .orElseThrow(() -> refuse("batch of redemption " + seq + " is missing"));
            if (!batch.txid().equals(txid)) {
                throw refuse("redemption " + seq + " is paid by " + batch.txid() + " here, not " + txid);
            }
        }
        JsonNode tx = view.bitcoin().getRawTransactionVerbose(new Txid(txid))
                .orElseThrow(() -> refuse("payout " + txid + " is unknown to this member's node"));
        long confirmations = tx.path("confirmations").asLong(0);
        if (confirmations < view.policy().confirmations()) {
            throw refuse("payout " + txid + " has " + confirmations + " of "
                    + view.policy().confirmations() + " confirmations here");
        }
        byte[] digest = new Eip712(sidechain.chainId()).completeRedemptions(a.redemptionContract(),
                a.sequences().stream().map(BigInteger::valueOf).toList(), a.payoutTxid(), a.epoch());
        return SigningTarget.untweaked(digest);
    }

}
