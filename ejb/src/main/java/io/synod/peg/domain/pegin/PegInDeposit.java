package io.synod.peg.domain.pegin;

import java.time.Instant;
import java.util.Objects;

import io.synod.chain.bitcoin.BlockRef;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;

/**
 * One deposit outpoint as this member knows it, persisted under the outpoint (its natural key) before and after
 * every transition. {@code readySince} is when this member first found it mintable (the takeover clock);
 * {@code groupSignature} the 65-byte r‖s‖v mint signature once held; {@code mintTx} the sidechain transaction
 * this member sent or saw mint it; {@code note} the operator-facing reason of the last state.
 */
public record PegInDeposit(Outpoint outpoint, Satoshis amount, RevealedDeposit reveal, BlockRef block,
        PegInState state, String note, Instant readySince, byte[] groupSignature, long epoch, String mintTx,
        String sweepTxid) {

    public PegInDeposit {
        Objects.requireNonNull(outpoint, "outpoint");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reveal, "reveal");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(state, "state");
        groupSignature = groupSignature == null ? null : groupSignature.clone();
    }

    public static PegInDeposit confirmed(Outpoint outpoint, Satoshis amount, RevealedDeposit reveal, BlockRef block) {
        return new PegInDeposit(outpoint, amount, reveal, block, PegInState.CONFIRMED, "", null, null, 0, null, null);
    }

    @Override
    public byte[] groupSignature() {
        return groupSignature == null ? null : groupSignature.clone();
    }

    public PegInDeposit in(PegInState next, String why) {
        return new PegInDeposit(outpoint, amount, reveal, block, next, why, readySince, groupSignature, epoch, mintTx,
                sweepTxid);
    }

    public PegInDeposit readyAt(Instant when) {
        return new PegInDeposit(outpoint, amount, reveal, block, state, note, readySince == null ? when : readySince,
                groupSignature, epoch, mintTx, sweepTxid);
    }

    public PegInDeposit signed(byte[] signature, long signedEpoch) {
        return new PegInDeposit(outpoint, amount, reveal, block, PegInState.SIGNED, "", readySince, signature,
                signedEpoch, mintTx, sweepTxid);
    }

    public PegInDeposit submitted(String tx) {
        return new PegInDeposit(outpoint, amount, reveal, block, PegInState.SUBMITTED, "", readySince, groupSignature,
                epoch, tx, sweepTxid);
    }

    public PegInDeposit minted(String tx) {
        return new PegInDeposit(outpoint, amount, reveal, block, PegInState.MINTED, "", readySince, groupSignature,
                epoch, tx, sweepTxid);
    }

    public PegInDeposit swept(String txid) {
        return new PegInDeposit(outpoint, amount, reveal, block, PegInState.SWEPT, "", readySince, groupSignature,
                epoch, mintTx, txid);
    }

    /** Confirmed again (after a reorganisation) in {@code newBlock}: the mint pipeline starts over from chain evidence. */
    public PegInDeposit reconfirmed(BlockRef newBlock) {
        return new PegInDeposit(outpoint, amount, reveal, newBlock, PegInState.CONFIRMED, "confirmed again", null, null,
                0, null, null);
    }
}
