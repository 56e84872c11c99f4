package io.synod.peg.application.pegin;

import java.util.function.Supplier;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.MintAction;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInPolicy;
import io.synod.peg.domain.pegin.PegInSidechain;

/**
 * One member's check of a mint before it contributes: the outpoint is a deposit this member saw confirmed (its
 * block still in this member's best chain, with the configured confirmations), it qualifies now (amount, refund
 * far enough ahead), it pays exactly the revealed recipient the deposited amount, the sidechain shows it unminted
 * under the current epoch, and the one-way-bet guard has room. The digest is recomputed here from the action.
 */
public final class MintVerifier implements ActionVerifier {

    private final DepositBook book;
    private final PegInPolicy policy;
    private final BitcoinRpcClient bitcoin;
    private final PegInSidechain sidechain;
    private final Supplier<GuardView> guard;

    public MintVerifier(DepositBook book, PegInPolicy policy, BitcoinRpcClient bitcoin, PegInSidechain sidechain,
            Supplier<GuardView> guard) {
        this.book = book;
        this.policy = policy;
        this.bitcoin = bitcoin;
        this.sidechain = sidechain;
        this.guard = guard;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.MINT;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        MintAction a = ActionVerifier.decodeOrRefuse(kind(), encodedAction, MintAction::decode);
        PegInDeposit d = book.find(a.outpoint()).orElseThrow(() -> refuse("deposit " + a.outpoint()
                + " is not confirmed here"));
        if (!d.state().mintable()) {
            throw refuse("deposit " + a.outpoint() + " is " + d.state() + " here");
        }
        if (!d.amount().equals(a.amount())) {
            throw refuse("amount " + a.amount() + " but the deposit holds " + d.amount());
        }
        if (!d.reveal().terms().recipient().equals(a.recipient())) {
            throw refuse("recipient " + a.recipient() + " but the script commits to " + d.reveal().terms().recipient());
        }
        BlockHeight tip = bitcoin.getBlockCount();
        if (tip.compareTo(d.block().height()) < 0 || !bitcoin.getBlockHash(d.block().height()).equals(d.block().hash())) {
            throw refuse("block " + d.block() + " is not in this member's best chain");
        }
        int confirmations = d.block().height().confirmationsAt(tip);
        if (confirmations < policy.confirmations()) {
            throw refuse(confirmations + " confirmations, " + policy.confirmations() + " required");
        }
        String why = policy.disqualification(d.amount(), d.reveal().terms().refundHeight(), tip);
        if (why != null) {
            throw refuse(why);
        }
        if (a.epoch() != sidechain.currentEpoch()) {
            throw refuse("epoch " + a.epoch() + " is not the current epoch " + sidechain.currentEpoch());
        }
        if (sidechain.isMinted(a.outpoint())) {
            throw refuse("already minted");
        }
        if (!guard.get().admits(a.outpoint(), a.amount())) {
            throw refuse("the one-way-bet guard has no room: " + guard.get().statusExcluding(a.outpoint()));
        }
        return SigningTarget.untweaked(sidechain.mintDigest(a));
    }

}
