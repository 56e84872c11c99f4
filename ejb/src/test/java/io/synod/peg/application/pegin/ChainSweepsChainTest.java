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
        PegInHarness h = new PegInHarness(dir, PegInHarness.policy(3, 10),
                List.of(10_000_000L, 10_000_000L, 10_000_000L, 10_000_000L), 50);
        SidechainRecipient ann = PegInHarness.newRecipient();
        List<Outpoint> deposits = new ArrayList<>();
        for (long a : new long[] {300_000, 500_000, 700_000}) {
            deposits.add(h.pay(h.reveal(ann, h.rpc.getBlockCount().value() + 150 + deposits.size()), a));
        }
        h.devnet.mineBitcoin(2);
        h.pollAll();
        h.tickAll();
        h.tickAll();
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
        ChainSweeps chain = new ChainSweeps(h.rpc, h.devnet.bitcoinRpcPassword(), HexFormat.of().formatHex(
                ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(h.signing.groupPublicKey())).program()),
                r -> h.devnet.bitcoinNetwork().address(r.script().outputScript()));

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
}
