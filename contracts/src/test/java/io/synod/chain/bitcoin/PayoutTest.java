package io.synod.chain.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synod.chain.devnet.Devnet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payouts built, signed through the callback, broadcast and confirmed on a real bcoin. */
class PayoutTest {

    private final Devnet devnet = Devnet.shared();
    private final BitcoinRpcClient rpc = devnet.bitcoinRpc();
    private final Broadcaster broadcaster = Broadcaster.forBcoin(rpc, devnet.bitcoinRpcPassword(),
            java.util.Optional.of(devnet.bitcoinLog()), Duration.ofSeconds(10));
    private final FeePolicy policy = new FeePolicy(FeeRate.satPerVbyte(2), FeeRate.satPerVbyte(100), 6);
    private TestKeySigner group;
    private PayoutBuilder builder;
    private List<Utxo> coins;

    @BeforeEach
    void fundGroup() {
        group = new TestKeySigner();
        builder = new PayoutBuilder(group.publicKey(), policy, rpc::estimateSmartFee);
        coins = RegtestFunds.mineTo(devnet, builder.groupScript(), 3);
    }

    @Test
    void batchToEveryStandardOutputTypeIsAcceptedConfirmedAndChangeComesBack() {
        Script p2wpkh = ScriptBuilder.createP2WPKHOutputScript(new ECKey());
        Script p2wsh = ScriptBuilder.createP2WSHOutputScript(ScriptBuilder.createP2PKOutputScript(new ECKey()));
        Script p2pkh = ScriptBuilder.createP2PKHOutputScript(new ECKey());
        Script p2sh = ScriptBuilder.createP2SHOutputScript(ScriptBuilder.createP2PKOutputScript(new ECKey()));
        List<Payout> payouts = List.of(
                Payout.to(p2wpkh, Satoshis.of(1_100_000)), Payout.to(p2wsh, Satoshis.of(1_200_000)),
                Payout.to(p2pkh, Satoshis.of(1_300_000)), Payout.to(p2sh, Satoshis.of(1_400_000)));
        long paid = 5_000_000;
        // The batch is as large as one coin, so a second one is selected and change is due.
        UnsignedPayout unsigned = builder.build(payouts, coins);
        assertThat(unsigned.inputs()).hasSize(2);
        assertThat(unsigned.changeIndex()).isPresent();

        group.answerHighS = true; // the builder must normalise to low-S, or bcoin would drop the transaction
        Transaction signed = builder.sign(unsigned, group);
        assertThat(group.calls).isEqualTo(unsigned.inputs().size());

        Txid txid = broadcaster.broadcast(signed);
        assertThat(broadcaster.confirmations(txid)).contains(0);
        long vsize = signed.getVsize();
        assertThat(unsigned.fee().value()).isGreaterThanOrEqualTo(policy.floor().feeFor(vsize).value());
        devnet.mineBitcoin(1);
        assertThat(broadcaster.confirmations(txid)).contains(1);

        // The node's own view of each output: its type and its address agree with ours.
        // Bitcoin Core's names, then bcoin's.
        String[][] nodeTypes = {{"witness_v0_keyhash", "witnesspubkeyhash"}, {"witness_v0_scripthash",
            "witnessscripthash"}, {"pubkeyhash"}, {"scripthash"}};
        for (int i = 0; i < payouts.size(); i++) {
            JsonNode out = rpc.getTxOut(new Outpoint(txid, i), false).orElseThrow();
            assertThat(out.path("scriptPubKey").path("type").asText().toLowerCase(java.util.Locale.ROOT)).isIn(
                    (Object[]) nodeTypes[i]);
            assertThat(out.path("scriptPubKey").path("hex").asText())
                    .isEqualTo(HexFormat.of().formatHex(payouts.get(i).script()));
            assertThat(out.path("value").decimalValue().movePointRight(8).longValueExact())
                    .isEqualTo(payouts.get(i).amount().value());
            assertThat(addressOf(out)).isEqualTo(devnet.bitcoinNetwork().address(Script.parse(payouts.get(i).script())));
        }
        int change = unsigned.changeIndex().getAsInt();
        JsonNode changeOut = rpc.getTxOut(new Outpoint(txid, change), false).orElseThrow();
        assertThat(addressOf(changeOut)).isEqualTo(devnet.bitcoinNetwork().address(builder.groupScript()));
        long in = unsigned.inputs().stream().mapToLong(u -> u.value().value()).sum();
        assertThat(unsigned.change().value()).isEqualTo(in - paid - unsigned.fee().value());
        // And the spent coins are gone from the node's UTXO set.
        for (Utxo u : unsigned.inputs()) {
            assertThat(rpc.getTxOut(u.outpoint(), true)).isEmpty();
        }
    }

    @Test
    void stuckLowFeePayoutIsReplacedByAHigherFeeVersionThatConfirms() {
        Script user = ScriptBuilder.createP2WPKHOutputScript(new ECKey());
        List<Payout> payouts = List.of(Payout.to(user, Satoshis.of(700_000)));
        UnsignedPayout stuck = builder.build(payouts, coins.subList(0, 1));
        Txid stuckId = broadcaster.broadcast(builder.sign(stuck, group));
        assertThat(stuck.feeRate()).isEqualTo(policy.floor());

        UnsignedPayout bumped = builder.bump(stuck, FeeRate.satPerVbyte(25), coins);
        assertThat(bumped.inputs()).containsAll(stuck.inputs());
        assertThat(bumped.payouts()).isEqualTo(stuck.payouts());
        assertThat(bumped.fee().value()).isGreaterThanOrEqualTo(
                stuck.fee().value() + PayoutBuilder.MIN_RELAY.feeFor(bumped.transaction().getVsize()).value());
        Transaction replacement = builder.sign(bumped, group);
        assertThat(replacement.getInputs()).allMatch(i -> i.getSequenceNumber() < 0xfffffffeL);

        // bcoin 1.0.2 keeps the first version and refuses the conflict (it implements no BIP 125 replacement);
        // the reason reaches the caller. A replacement-honouring miner then confirms the higher-fee version.
        assertThatThrownBy(() -> broadcaster.broadcast(replacement))
                .isInstanceOf(TransactionRejectedException.class)
                .hasMessageContaining("spent");
        RbfMiner.mineBlockWith(rpc, List.of(replacement));
        Txid replacementId = Txid.of(replacement.getTxId());
        assertThat(broadcaster.confirmations(replacementId)).contains(1);
        assertThat(broadcaster.confirmations(stuckId)).isEmpty();
        assertThat(rpc.getRawMempool()).doesNotContain(stuckId);
        JsonNode paid = rpc.getTxOut(new Outpoint(replacementId, 0), false).orElseThrow();
        assertThat(paid.path("value").decimalValue().movePointRight(8).longValueExact()).isEqualTo(700_000);
    }

    @Test
    void nodeRejectionReasonsReachTheCaller() {
        Script user = ScriptBuilder.createP2WPKHOutputScript(new ECKey());
        UnsignedPayout first = builder.build(List.of(Payout.to(user, Satoshis.of(500_000))), coins.subList(0, 1));
        broadcaster.broadcast(builder.sign(first, group));
        devnet.mineBitcoin(1);

        // Spending a coin the chain has already spent.
        UnsignedPayout again = builder.build(List.of(Payout.to(user, Satoshis.of(600_000))), coins.subList(0, 1));
        assertThatThrownBy(() -> broadcaster.broadcast(builder.sign(again, group)))
                .isInstanceOfSatisfying(TransactionRejectedException.class, e -> assertThat(e.reason())
                        .contains(coins.get(0).outpoint().toString()).contains("spent"));

        // A signature that no longer matches: the output was changed after signing; the node's script check fails.
        Transaction tampered = builder.sign(builder.build(List.of(Payout.to(user, Satoshis.of(600_000))),
                coins.subList(1, 2)), group);
        TransactionOutput original = tampered.getOutput(0);
        List<TransactionOutput> outputs = new ArrayList<>(tampered.getOutputs());
        tampered.clearOutputs();
        tampered.addOutput(Coin.valueOf(original.getValue().value + 1), Script.parse(original.getScriptBytes()));
        outputs.stream().skip(1).forEach(tampered::addOutput);
        assertThatThrownBy(() -> broadcaster.broadcast(tampered))
                .isInstanceOfSatisfying(TransactionRejectedException.class, e -> assertThat(e.reason())
                        .containsIgnoringCase("verif"));
    }

    @Test
    void signerHoldingAnotherKeyOrSigningWronglyIsRefusedBeforeBroadcast() {
        UnsignedPayout unsigned = builder.build(
                List.of(Payout.to(ScriptBuilder.createP2WPKHOutputScript(new ECKey()), Satoshis.of(400_000))), coins);
        assertThatThrownBy(() -> builder.sign(unsigned, new TestKeySigner()))
                .isInstanceOf(IllegalArgumentException.class);
        TransactionSigner liar = new TransactionSigner() {
            @Override
            public byte[] publicKey() {
                return group.publicKey();
            }

            @Override
            public EcdsaSignature sign(SigningRequest request) {
                byte[] other = request.sighash();
                other[0] ^= 1;
                return group.sign(new SigningRequest(other, request.unsignedTxid(), request.inputIndex(), request.spent()));
            }
        };
        assertThatThrownBy(() -> builder.sign(unsigned, liar)).hasMessageContaining("invalid signature");
    }

    @Test
    void dustAndNonStandardPayoutsAndOverspendingAreRefused() {
        assertThatThrownBy(() -> Payout.to(ScriptBuilder.createP2WPKHOutputScript(new ECKey()), Satoshis.of(293)))
                .hasMessageContaining("dust");
        assertThatThrownBy(() -> Payout.to(ScriptBuilder.createP2PKOutputScript(new ECKey()), Satoshis.of(10_000)))
                .hasMessageContaining("standard");
        long all = coins.stream().mapToLong(u -> u.value().value()).sum();
        assertThatThrownBy(() -> builder.build(List.of(Payout.to(ScriptBuilder.createP2WPKHOutputScript(new ECKey()),
                Satoshis.of(all))), coins)).isInstanceOf(InsufficientFundsException.class);
    }

    private String addressOf(JsonNode txOut) {
        JsonNode spk = txOut.path("scriptPubKey");
        return spk.has("address") ? spk.path("address").asText() : spk.path("addresses").path(0).asText();
    }
}
