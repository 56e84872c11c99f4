package io.synod.peg.infrastructure.node;

import java.util.function.Function;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.Txid;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.domain.pegin.RevealedDeposit;

/**
 * Sweeps this member did not approve (it was down, or its verifier had not seen the mint yet when the group voted),
 * or approved in a form that never reached the chain (it voted for a sweep that was never fully signed, then missed
 * the vote on the sweep that replaced it): a minted deposit whose output is spent in a block, by a transaction whose
 * first output pays the group's main script, was swept by the group. The spender is found through bcoin's address
 * index and recorded on the deposit, so {@code DepositSweeper.bookConfirmedSweeps} books it from the chain like any
 * other. A spend to anything else (a refund taken after the timelock) is left alone: it is not a sweep.
 */
public final class ChainSweeps {

    private final BitcoinRpcClient bitcoin;
    private final BcoinAddressHistory history;
    private final String groupScriptHex;
    private final Function<RevealedDeposit, String> address;

    public ChainSweeps(BitcoinRpcClient bitcoin, BcoinAddressHistory history, String groupScriptHex,
            Function<RevealedDeposit, String> address) {
        this.bitcoin = bitcoin;
        this.history = history;
        this.groupScriptHex = groupScriptHex;
        this.address = address;
    }

    /** Records the sweep of every minted deposit that the chain shows swept and this member does not know so. */
    public void adopt(DepositBook book) {
        for (PegInDeposit d : book.deposits()) {
            if (d.state() != PegInState.MINTED || bitcoin.getTxOut(d.outpoint(), false).isPresent()
                    || knownInBlock(d.sweepTxid())) {
                continue;
            }
            history.confirmedSpender(address.apply(d.reveal()), d.outpoint().txid().hex(), d.outpoint().vout())
                    .filter(tx -> tx.path("outputs").path(0).path("script").asText().equals(groupScriptHex))
                    .map(tx -> tx.path("hash").asText())
                    .ifPresent(txid -> book.save(new PegInDeposit(d.outpoint(), d.amount(), d.reveal(), d.block(),
                            d.state(), "sweep " + txid + " seen on the chain", d.readySince(), d.groupSignature(),
                            d.epoch(), d.mintTx(), txid)));
        }
    }

    /** The sweep recorded on the deposit is in a block: {@code bookConfirmedSweeps} books it, nothing to adopt. */
    private boolean knownInBlock(String sweepTxid) {
        return sweepTxid != null && bitcoin.getRawTransactionVerbose(new Txid(sweepTxid))
                .map(t -> t.path("confirmations").asInt(0) > 0).orElse(false);
    }
}
