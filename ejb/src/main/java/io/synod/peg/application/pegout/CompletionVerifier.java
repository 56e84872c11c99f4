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
 * A member's check of a {@link CompletionAction}: the redemption belongs, in this member's store, to the batch whose
 * txid the action names; this member's Bitcoin node shows that transaction with the required confirmations; the
 * contract and epoch are the ones this member's sidechain node reports. The digest is this member's own EIP-712
 * encoding of {@code CompleteRedemption}.
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
        TrackedRedemption r = view.store().redemption(a.sequence())
                .orElseThrow(() -> refuse("redemption " + a.sequence() + " is unknown to this member"));
        PayoutBatch batch = view.store().batch(r.batchId().orElseThrow(
                () -> refuse("redemption " + a.sequence() + " is in no batch this member approved")))
                .orElseThrow(() -> refuse("batch of redemption " + a.sequence() + " is missing"));
        if (!batch.txid().equals(a.payoutTxidHex())) {
            throw refuse("redemption " + a.sequence() + " is paid by " + batch.txid() + " here, not " + a.payoutTxidHex());
        }
        JsonNode tx = view.bitcoin().getRawTransactionVerbose(new Txid(batch.txid()))
                .orElseThrow(() -> refuse("payout " + batch.txid() + " is unknown to this member's node"));
        long confirmations = tx.path("confirmations").asLong(0);
        if (confirmations < view.policy().confirmations()) {
            throw refuse("payout " + batch.txid() + " has " + confirmations + " of "
                    + view.policy().confirmations() + " confirmations here");
        }
        byte[] digest = new Eip712(sidechain.chainId()).completeRedemption(a.redemptionContract(),
                BigInteger.valueOf(a.sequence()), a.payoutTxid(), a.epoch());
        return SigningTarget.untweaked(digest);
    }

}
