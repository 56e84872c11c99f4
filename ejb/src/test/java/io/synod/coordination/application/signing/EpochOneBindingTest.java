package io.synod.coordination.application.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;

import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Test;

import io.synod.chain.evm.SynodDeployment;
import io.synod.coordination.application.RecordedEpoch;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.coordination.infrastructure.evm.EvidenceBindingAction;
import io.synod.coordination.infrastructure.evm.EvidenceBindingVerifier;
import io.synod.coordination.infrastructure.evm.EvmGenesisRecorder;
import io.synod.coordination.infrastructure.evm.FounderStakeVerifier;
import io.synod.membership.application.EpochRotationAction;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.domain.StakePolicy;
import io.synod.membership.infrastructure.evm.EvmMembershipRegistry;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * Epoch 1 as the servers record it (SigningNode), over the real contracts on anvil and four members signing over
 * the real board: a founder deploys the contracts with the group key, the group signs the evidence binding only
 * after each member checked the contracts against its own genesis, anyone holding the signature binds, and the
 * registry read back equals the group key. Contracts deployed under another key get no signature.
 */
class EpochOneBindingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** Each member's verifier, built lazily because the group key exists only once the harness made the shares. */
    private static ActionVerifiers verifiers(SigningHarness[] ref, byte[] groupId, int member) {
        return ActionVerifiers.of(bindingVerifier(ref, groupId, member));
    }

    private static ActionVerifier bindingVerifier(SigningHarness[] ref, byte[] groupId, int member) {
        return new ActionVerifier() {
            @Override
            public ActionKind kind() {
                return ActionKind.EVIDENCE_BINDING;
            }

            @Override
            public SigningTarget approve(byte[] encoded) throws ActionRefused {
                SigningHarness h = ref[0];
                return new EvidenceBindingVerifier(h.clients.get(member), key64(h), h.members, groupId,
                        Optional::empty).approve(encoded);
            }
        };
    }

    /** Binding and founder-stake verifiers; the registry and the announced stakes are filled in as the test goes. */
    private static ActionVerifiers withStakes(SigningHarness[] ref, byte[] groupId, int member,
            AtomicReference<String> registry, AtomicReference<List<Outpoint>> announced) {
        ActionVerifier binding = bindingVerifier(ref, groupId, member);
        ActionVerifier stakes = new ActionVerifier() {
            @Override
            public ActionKind kind() {
                return ActionKind.EPOCH_ROTATION;
            }

            @Override
            public SigningTarget approve(byte[] encoded) throws ActionRefused {
                SigningHarness h = ref[0];
                byte[] compressed = h.member(1).groupPublicKey();
                return new FounderStakeVerifier(() -> Optional.ofNullable(registry.get())
                        .map(a -> new EvmMembershipRegistry(h.clients.get(member), a)), key64(h), compressed,
                        h.members, groupId, () -> Optional.ofNullable(announced.get()), h.devnet.bitcoinRpc(),
                        new StakePolicy(new Satoshis(50_000_000L), 2)).approve(encoded);
            }
        };
        return ActionVerifiers.of(binding, stakes);
    }

    private static byte[] key64(SigningHarness h) {
        byte[] full = ECKey.fromPublicOnly(h.member(1).groupPublicKey()).decompress().getPubKey();
        return Arrays.copyOfRange(full, 1, 65);
    }

    @Test
    void theGroupSignsTheBindingOfContractsCarryingItsKeyAndTheRegistryReadsBackAsEpochOne() throws Exception {
        byte[] groupId = new byte[32];
        SigningHarness.RNG.nextBytes(groupId);
        SigningHarness[] ref = new SigningHarness[1];
        try (SigningHarness h = new SigningHarness(4, 1, 10_000, i -> verifiers(ref, groupId, i))) {
            ref[0] = h;
            h.drive(i -> i != 1);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            long chainId = h.operator.chainId();

            SynodDeployment.Addresses a = EvmGenesisRecorder.deployUnbound(h.clients.get(1), key64(h), h.members,
                    groupId);
            GroupSignature sig = port.sign(new EvidenceBindingAction(chainId, a, 1), TIMEOUT);
            // Member 3, not the deployer, finishes the binding with the signature it derived from the board.
            SynodDeployment d = SynodDeployment.bind(h.clients.get(3), a, sig.ethereum());
            assertThat(d.addresses()).isEqualTo(a);
            RecordedEpoch e = EvmGenesisRecorder.read(h.clients.get(4), a);
            e.requireMatches(key64(h), h.members);
            assertThat(e.groupPublicKey()).isEqualTo(key64(h));
            for (int m = 1; m <= 4; m++) {
                SigningCoordinator c = h.member(m);
                long end = System.nanoTime() + TIMEOUT.toNanos();
                while (c.signed(ActionKind.EVIDENCE_BINDING).isEmpty() && System.nanoTime() < end) {
                    Thread.sleep(25);
                }
                assertThat(EvidenceBindingAction.decode(c.signed(ActionKind.EVIDENCE_BINDING).get(0).encodedAction())
                        .addresses()).as("member %d learns the contracts from the signed action", m).isEqualTo(a);
            }
            // A second bind with the same signature is a no-op (racing holders), not a failure.
            assertThat(SynodDeployment.bind(h.clients.get(2), a, sig.ethereum()).addresses()).isEqualTo(a);

            // Contracts carrying any other key: every member refuses, no signature.
            byte[] otherKey = Arrays.copyOfRange(new ECKey().decompress().getPubKey(), 1, 65);
            SynodDeployment.Addresses foreign = EvmGenesisRecorder.deployUnbound(h.clients.get(1), otherKey,
                    h.members, groupId);
            assertThatThrownBy(() -> port.sign(new EvidenceBindingAction(chainId, foreign, 1), TIMEOUT))
                    .isInstanceOf(SigningFailed.class).hasMessageContaining("not this member's genesis key");
            // The registry already bound cannot be bound again through the group either.
            assertThatThrownBy(() -> port.sign(new EvidenceBindingAction(chainId, a, 1), TIMEOUT))
                    .isInstanceOf(SigningFailed.class).hasMessageContaining("already has an evidence contract");
            assertThat(h.failures).isEmpty();
        }
    }

    @Test
    void theFoundersStakesAreRecordedAsEpochTwoOnlyOnceEachPaymentIsConfirmedOnBitcoin() throws Exception {
        byte[] groupId = new byte[32];
        SigningHarness.RNG.nextBytes(groupId);
        SigningHarness[] ref = new SigningHarness[1];
        AtomicReference<String> registry = new AtomicReference<>();
        AtomicReference<List<Outpoint>> announced = new AtomicReference<>();
        try (SigningHarness h = new SigningHarness(4, 1, 10_000,
                i -> withStakes(ref, groupId, i, registry, announced))) {
            ref[0] = h;
            h.drive(i -> i != 1);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            SynodDeployment.Addresses a = EvmGenesisRecorder.deployUnbound(h.clients.get(1), key64(h), h.members,
                    groupId);
            SynodDeployment.bind(h.clients.get(1), a,
                    port.sign(new EvidenceBindingAction(h.operator.chainId(), a, 1), TIMEOUT).ethereum());
            registry.set(a.registry());

            org.bitcoinj.script.Script groupScript = org.bitcoinj.script.ScriptBuilder.createP2WPKHOutputScript(
                    ECKey.fromPublicOnly(h.member(1).groupPublicKey()));
            List<Outpoint> stakes = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                io.synod.chain.bitcoin.Outpoint o = h.devnet.fundBitcoin(groupScript,
                        new io.synod.chain.bitcoin.Satoshis(60_000_000L), 1).get(0).outpoint();
                stakes.add(Outpoint.parse(o.txid().hex() + ":" + o.vout()));
            }
            announced.set(stakes);
            EvmMembershipRegistry r = new EvmMembershipRegistry(h.clients.get(2), a.registry());
            EpochRotationAction rotation = new EpochRotationAction(a.registry(),
                    new EpochRecord(2, key64(h), 1, h.members.addresses(), stakes));
            // The last payment has one confirmation of the two required: every member refuses.
            assertThatThrownBy(() -> port.sign(rotation, TIMEOUT)).isInstanceOf(SigningFailed.class)
                    .hasMessageContaining("UNCONFIRMED");
            h.devnet.mineBitcoin(1);
            // Announced stakes that are not what the rotation names: refused.
            List<Outpoint> swapped = new java.util.ArrayList<>(stakes);
            java.util.Collections.swap(swapped, 0, 1);
            assertThatThrownBy(() -> port.sign(new EpochRotationAction(a.registry(),
                    new EpochRecord(2, key64(h), 1, h.members.addresses(), swapped)), TIMEOUT))
                    .isInstanceOf(SigningFailed.class).hasMessageContaining("announced");

            GroupSignature sig = port.sign(rotation, TIMEOUT);
            r.rotate(rotation.next(), sig.ethereum());
            assertThat(r.currentEpoch()).isEqualTo(2);
            assertThat(r.epoch(2).stakes()).isEqualTo(stakes);
            assertThat(r.epoch(2).groupPublicKey()).isEqualTo(key64(h));
            assertThat(h.failures).isEmpty();
        }
    }

    @Test
    void anEncodingOfTheWrongLengthOrAnotherChainIsRefused() throws Exception {
        SynodDeployment.Addresses a = new SynodDeployment.Addresses("0x" + "11".repeat(20), "0x" + "22".repeat(20),
                "0x" + "33".repeat(20), "0x" + "44".repeat(20), "0x" + "55".repeat(20));
        EvidenceBindingAction x = new EvidenceBindingAction(31337, a, 1);
        assertThat(EvidenceBindingAction.decode(x.encode())).isEqualTo(x);
        assertThatThrownBy(() -> EvidenceBindingAction.decode(Arrays.copyOf(x.encode(), 115)))
                .hasMessageContaining("116 bytes");
        byte[] zeroRegistry = x.encode();
        Arrays.fill(zeroRegistry, 8, 28, (byte) 0);
        assertThatThrownBy(() -> EvidenceBindingAction.decode(zeroRegistry)).hasMessageContaining("not a usable");
    }
}
