package io.synod.peg.application.invariants;

import java.util.EnumSet;
import java.util.Set;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.peg.domain.ledger.ChainFigures;
import io.synod.peg.domain.pegout.PegOutStore;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.TrackedRedemption;
import io.synod.shared.domain.Satoshis;

/**
 * The chains' figures from this member's own nodes: the wrapped supply read at the sidechain tip, the group's
 * outputs on its Bitcoin node, and the redemptions from the peg-out store (itself filled from the sidechain's
 * redemption log).
 *
 * <p>Two figures are put on the books' footing, and the evidence says by how much: a burn is booked when it is final
 * on the sidechain, so the burns the store still holds as REQUESTED (seen, not yet final) are added back to the
 * supply read; and the payouts owed are the redemptions whose burn is booked and whose payout is not yet
 * confirmed (QUEUED to BROADCAST).
 */
public final class NodeFigures implements PegFigures {

    private static final Set<RedemptionStatus> OWED = EnumSet.of(RedemptionStatus.QUEUED,
            RedemptionStatus.QUEUED_BY_LIMIT, RedemptionStatus.BATCHED, RedemptionStatus.SIGNED,
            RedemptionStatus.BROADCAST);

    private final BitcoinRpcClient bitcoin;
    private final SidechainSupply sidechain;
    private final BitcoinHoldings holdings;
    private final PegOutStore pegOut;

    public NodeFigures(BitcoinRpcClient bitcoin, SidechainSupply sidechain, BitcoinHoldings holdings,
            PegOutStore pegOut) {
        this.bitcoin = bitcoin;
        this.sidechain = sidechain;
        this.holdings = holdings;
        this.pegOut = pegOut;
    }

    @Override
    public ChainTips tips() {
        long height = bitcoin.getBlockCount().value();
        SidechainSupply.Head head = sidechain.head();
        return new ChainTips(height, bitcoin.getBlockHash(BlockHeight.of(height)).hex(), head.number(), head.hash());
    }

    @Override
    public ChainFigures read(ChainTips tips) {
        long supplyOnChain = sidechain.totalSupplyAt(tips.sidechainBlock()).value();
        long notFinal = sum(pegOut, EnumSet.of(RedemptionStatus.REQUESTED));
        long owed = sum(pegOut, OWED);
        Satoshis held = holdings.heldAt(tips.bitcoinHeight());
        String evidence = "totalSupply " + supplyOnChain + " at sidechain block " + tips.sidechainBlock()
                + " + burns not yet final " + notFinal + "; group outputs " + held.value() + " at bitcoin height "
                + tips.bitcoinHeight() + "; payouts owed " + owed;
        return new ChainFigures(Satoshis.of(Math.addExact(supplyOnChain, notFinal)), held, Satoshis.of(owed), evidence);
    }

    private static long sum(PegOutStore store, Set<RedemptionStatus> statuses) {
        return store.redemptions(statuses).stream().map(TrackedRedemption::request)
                .mapToLong(r -> r.amount().value()).reduce(0, Math::addExact);
    }
}
