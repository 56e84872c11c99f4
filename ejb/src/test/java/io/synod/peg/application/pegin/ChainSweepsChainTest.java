package io.synod.peg.application.pegin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.deposit.SidechainRecipient;
import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.infrastructure.node.BcoinAddressHistory;
import io.synod.peg.infrastructure.node.ChainSweeps;

/**
 * A member that did not approve a sweep (it was down when the group voted) learns it from its own Bitcoin node:
 * each deposit the sweep spent gets the sweep's txid, and the sweep is then booked from its block like one the
 * member approved, to the satoshi of the members that did.
 */
class ChainSweepsChainTest {

    @Test
    void aSweepThisMemberDidNotApproveIsFoundOnTheChainAndBookedAsTheOthersBookedIt(@TempDir Path dir)
            throws Exception {
        PegInHarness h = harness(dir);
        List<Outpoint> deposits = mintedDeposits(h, 300_000, 500_000, 700_000);
        PegInHarness.Member absent = h.members.get(4);
        // What member 4's book held before the vote: minted, no sweep approved.
        List<PegInDeposit> before = new ArrayList<>();
        for (Outpoint o : deposits) {
            before.add(absent.book.find(o).orElseThrow());
            assertThat(before.get(before.size() - 1).state()).isEqualTo(PegInState.MINTED);
        }
        io.synod.chain.bitcoin.Txid sweep = h.members.get(1).sweeper.sweepIfDue().orElseThrow();
        before.forEach(absent.book::save); // member 4 missed the vote
        h.devnet.mineBitcoin(1);
        ChainSweeps chain = chainSweeps(h);

        chain.adopt(absent.book);
        for (Outpoint o : deposits) {
            assertThat(absent.book.find(o).orElseThrow().sweepTxid()).as("sweep of %s found", o).isEqualTo(sweep.hex());
        }
        h.members.values().forEach(m -> m.sweeper.bookConfirmedSweeps());
        for (Outpoint o : deposits) {
            assertThat(absent.book.find(o).orElseThrow().state()).isEqualTo(PegInState.SWEPT);
        }
        for (Account a : List.of(Account.BTC_DEPOSITS_UNSWEPT, Account.BTC_GROUP_MAIN, Account.FEES)) {
            assertThat(absent.ledger.balance(a)).as(a.name()).isEqualTo(h.members.get(1).ledger.balance(a));
        }
        assertThat(absent.ledger.balance(Account.BTC_GROUP_MAIN).value()).isPositive();
    }

    @Test
    void aSweepThisMemberApprovedButThatNeverReachedTheChainGivesWayToTheOneThatDid(@TempDir Path dir)
            throws Exception {
        PegInHarness h = harness(dir);
        List<Outpoint> deposits = mintedDeposits(h, 400_000, 600_000, 800_000);
        PegInHarness.Member absent = h.members.get(4);
        // Member 4 approved a sweep whose signing never completed (its proposer died), then missed the next vote.
        String neverBroadcast = "ab".repeat(32);
        List<PegInDeposit> approvedOnly = new ArrayList<>();
        for (Outpoint o : deposits) {
            PegInDeposit d = absent.book.find(o).orElseThrow();
            approvedOnly.add(new PegInDeposit(d.outpoint(), d.amount(), d.reveal(), d.block(), d.state(),
                    "sweep " + neverBroadcast + " approved", d.readySince(), d.groupSignature(), d.epoch(),
                    d.mintTx(), neverBroadcast));
        }
        io.synod.chain.bitcoin.Txid sweep = h.members.get(1).sweeper.sweepIfDue().orElseThrow();
        approvedOnly.forEach(absent.book::save);

        chainSweeps(h).adopt(absent.book);
        assertThat(absent.book.find(deposits.get(0)).orElseThrow().sweepTxid())
                .as("nothing adopted while the sweep is only in the mempool").isEqualTo(neverBroadcast);
        h.devnet.mineBitcoin(1);
        chainSweeps(h).adopt(absent.book);
        h.members.values().forEach(m -> m.sweeper.bookConfirmedSweeps());
        for (Outpoint o : deposits) {
            PegInDeposit d = absent.book.find(o).orElseThrow();
            assertThat(d.sweepTxid()).as("sweep of %s", o).isEqualTo(sweep.hex());
            assertThat(d.state()).isEqualTo(PegInState.SWEPT);
        }
        for (Account a : List.of(Account.BTC_DEPOSITS_UNSWEPT, Account.BTC_GROUP_MAIN, Account.FEES)) {
            assertThat(absent.ledger.balance(a)).as(a.name()).isEqualTo(h.members.get(1).ledger.balance(a));
        }
    }

    private static PegInHarness harness(Path dir) {
        return new PegInHarness(dir, PegInHarness.policy(3, 10),
                List.of(10_000_000L, 10_000_000L, 10_000_000L, 10_000_000L), 50);
    }

    /** Deposits paid, confirmed and minted by the group: ready to be swept. */
    private static List<Outpoint> mintedDeposits(PegInHarness h, long... amounts) throws Exception {
        SidechainRecipient ann = PegInHarness.newRecipient();
        List<Outpoint> deposits = new ArrayList<>();
        for (long a : amounts) {
            deposits.add(h.pay(h.reveal(ann, h.rpc.getBlockCount().value() + 150 + deposits.size()), a));
        }
        h.devnet.mineBitcoin(2);
        h.pollAll();
        h.tickAll();
        h.tickAll();
        return deposits;
    }

    private static ChainSweeps chainSweeps(PegInHarness h) {
        return new ChainSweeps(h.rpc, new BcoinAddressHistory(h.rpc.url(), h.devnet.bitcoinRpcPassword()),
                HexFormat.of().formatHex(ScriptBuilder.createP2WPKHOutputScript(
                        ECKey.fromPublicOnly(h.signing.groupPublicKey())).program()),
                r -> h.devnet.bitcoinNetwork().address(r.script().outputScript()));
    }
}
