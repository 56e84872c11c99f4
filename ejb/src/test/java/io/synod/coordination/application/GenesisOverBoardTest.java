package io.synod.coordination.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.crypto.ECKeyPair;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.evm.SynodDeployment;
import io.synod.coordination.domain.GenesisResult;
import io.synod.coordination.infrastructure.evm.BoardException;
import io.synod.coordination.infrastructure.evm.EvmGenesisRecorder;
import io.synod.coordination.infrastructure.evm.EvmMessageBoard;
import io.synod.threshold.dkg.DkgConfig;
import io.synod.threshold.dkg.DkgMember;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.dkg.Keys;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.DkgDealing;
import io.synod.threshold.message.DkgFeldman;
import io.synod.threshold.message.SignedEnvelope;
import io.synod.threshold.message.ThresholdMessage;
import io.synod.threshold.sign.EcdsaSignature;

/** Genesis key generation among founders over the real MessageBoard contract on anvil. */
class GenesisOverBoardTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static List<GenesisCoordinator> startAll(GenesisHarness h) {
        List<GenesisCoordinator> cs = new ArrayList<>();
        for (int i = 1; i <= h.n; i++) {
            cs.add(h.start(i));
        }
        return cs;
    }

    /** Every coordinator completed, all hold one group key, and each sealed share matches its public share. */
    private static GenesisResult assertAgreement(GenesisHarness h, List<GenesisCoordinator> cs) {
        for (GenesisCoordinator c : cs) {
            assertThat(c.status()).as("member %d: %s", c.self(), c.failure()).isEqualTo(GenesisCoordinator.Status.COMPLETE);
        }
        GenesisResult first = cs.get(0).result().orElseThrow();
        for (GenesisCoordinator c : cs) {
            GenesisResult r = c.result().orElseThrow();
            assertThat(r.group().publicKey()).isEqualTo(first.group().publicKey());
            assertThat(r.group().commitments()).isEqualTo(first.group().commitments());
            assertThat(r.qualified().indices()).containsExactly(first.qualified().indices());
        }
        assertThat(h.sealed).hasSize(h.n);
        for (Map.Entry<Integer, KeyShare> e : h.sealed.entrySet()) {
            assertThat(Secp256k1.mulG(e.getValue().secret()).normalize())
                    .isEqualTo(first.group().publicShare(e.getKey()));
        }
        return first;
    }

    private static List<Outpoint> stakes(int n) {
        List<Outpoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Outpoint(new Txid(java.util.HexFormat.of().formatHex(GenesisHarness.randomBytes())), i));
        }
        return out;
    }

    /** A threshold signature from the sealed shares verifies under the group key (BouncyCastle). */
    private static void assertGroupSigns(GenesisHarness h, GenesisResult result, int n, int t, String what) {
        byte[] digest = Hashing.hash("SYNOD/test/after-genesis", Secp256k1.utf8(what));
        assertThat(GroupSignatures.verifies(result.group().publicKey(), digest,
                GroupSignatures.sign(h.sealed, n, t, digest))).as("group signature over %s", what).isTrue();
    }

    /** A cheating dealer: encrypts garbage to member 3 (position 2 in index order) in its dealing. */
    private static ThresholdMessage garbleShareForMemberThree(ThresholdMessage m) {
        if (m instanceof DkgDealing d) {
            List<byte[]> cts = new ArrayList<>(d.ciphertexts());
            byte[] junk = new byte[DkgDealing.CIPHERTEXT_BYTES];
            GenesisHarness.RNG.nextBytes(junk);
            cts.set(2, junk);
            return new DkgDealing(d.header(), d.pedersen(), d.ephemeral(), cts);
        }
        return m;
    }

    @Test
    void fourFoundersGenerateOneKeyRecordItAsEpochOneAndSignWithIt() throws Exception {
        try (GenesisHarness h = new GenesisHarness(4, 1)) {
            List<GenesisCoordinator> cs = startAll(h);
            long t0 = System.nanoTime();
            GenesisHarness.runAll(cs, TIMEOUT);
            long genesisMs = (System.nanoTime() - t0) / 1_000_000;
            GenesisResult result = assertAgreement(h, cs);
            assertThat(result.disqualified()).isEmpty();
            assertThat(result.qualified().indices()).containsExactly(1, 2, 3, 4);
            cs.forEach(c -> assertThat(c.rejections()).isEmpty());

            // Member 1 records epoch 1; the deployment's evidence binding is the group's first signature, which
            // the registry checks on chain with ecrecover against the address of the recorded key.
            long t1 = System.nanoTime();
            SynodDeployment d = EvmGenesisRecorder.record(h.clients.get(1), result, h.founders, stakes(4),
                    digest -> GroupSignatures.ethereum(GroupSignatures.sign(h.sealed, 4, 1, digest)));
            long recordMs = (System.nanoTime() - t1) / 1_000_000;
            for (int i = 1; i <= 4; i++) {
                RecordedEpoch recorded = EvmGenesisRecorder.read(h.clients.get(i), d.addresses());
                recorded.requireMatches(cs.get(i - 1).result().orElseThrow(), h.founders);
                assertThat(recorded.groupPublicKey()).isEqualTo(result.publicKey64());
            }
            assertThat(d.registry().evidence().send()).isEqualToIgnoringCase(d.addresses().evidence());

            byte[] digest = Hashing.hash("SYNOD/test/after-genesis", Secp256k1.utf8("first payout"));
            EcdsaSignature sig = GroupSignatures.sign(h.sealed, 4, 1, digest);
            assertThat(GroupSignatures.verifies(result.group().publicKey(), digest, sig)).isTrue();
            byte[] other = Hashing.hash("SYNOD/test/after-genesis", Secp256k1.utf8("another payout"));
            assertThat(GroupSignatures.verifies(result.group().publicKey(), other, sig)).isFalse();
            System.out.printf("genesis n=4 t=1 over anvil: %s; recording epoch 1 (incl. group signature): %d ms%n",
                    h.timing(genesisMs), recordMs);
        }
    }

    @ParameterizedTest(name = "n={0}, t={1}")
    @CsvSource({"7, 3", "10, 4"})
    void largerFoundingGroupsAgree(int n, int t) throws Exception {
        try (GenesisHarness h = new GenesisHarness(n, t)) {
            List<GenesisCoordinator> cs = startAll(h);
            long t0 = System.nanoTime();
            GenesisHarness.runAll(cs, TIMEOUT);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            GenesisResult result = assertAgreement(h, cs);
            assertThat(result.qualified().size()).isEqualTo(n);
            assertGroupSigns(h, result, n, t, "a larger group");
            System.out.printf("genesis n=%d t=%d over anvil: %s%n", n, t, h.timing(ms));
        }
    }

    @Test
    void aMemberThatRestartsMidwayResumesFromItsStoreAndTheBoard() throws Exception {
        try (GenesisHarness h = new GenesisHarness(4, 1)) {
            GenesisCoordinator three = h.start(3);
            List<GenesisCoordinator> others = new ArrayList<>(List.of(h.start(1), h.start(2), h.start(4)));
            Thread t = new Thread(() -> {
                try {
                    GenesisHarness.runAll(others, TIMEOUT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            long end = System.nanoTime() + TIMEOUT.toNanos();
            while (three.stage() < 2 && System.nanoTime() < end) {
                three.step();
                Thread.sleep(25);
            }
            assertThat(three.stage()).as("member 3 got past the dealing round before its crash").isGreaterThanOrEqualTo(2);
            assertThat(h.stores.get(3).load(h.session.id()).orElseThrow().postedRound()).isEqualTo(2);
            // "Crash": drop the object; the restarted member has only its store, keys and the board.
            GenesisCoordinator restarted = h.resume(3);
            assertThat(restarted.stage()).isZero();
            assertThat(restarted.run(TIMEOUT, Duration.ofMillis(25))).isEqualTo(GenesisCoordinator.Status.COMPLETE);
            t.join(TIMEOUT.toMillis());
            List<GenesisCoordinator> all = new ArrayList<>(others);
            all.add(2, restarted);
            GenesisResult result = assertAgreement(h, all);
            assertThat(result.qualified().indices()).containsExactly(1, 2, 3, 4);
            // It regenerated what it had posted instead of posting a second, different dealing.
            all.forEach(c -> assertThat(c.rejections()).isEmpty());
            assertThat(h.stores.get(3).load(h.session.id()).orElseThrow().finished()).isTrue();
        }
    }

    @Test
    void forgedOrForeignMessagesAreIgnoredAndDoNotStallTheSession() throws Exception {
        try (GenesisHarness h = new GenesisHarness(4, 1)) {
            EvmMessageBoard four = h.boards.get(4);
            // A well-formed dealing for member 4's slot, signed by a key that is not member 4's identity.
            DkgConfig cfg = new DkgConfig(h.session.id().bytes(), h.founders.indices(), 1);
            DkgDealing forged = new DkgMember(cfg, new Keys(4, new SecretScalar(Scalars.random(GenesisHarness.RNG)),
                    h.founders.encryptionKeys()), GenesisHarness.RNG).deal();
            SignedEnvelope badSig = SignedEnvelope.sign(forged,
                    IdentityKeys.softwareSigner(Scalars.random(GenesisHarness.RNG)));
            four.post(h.session.id(), 1, new BoardFrame.Envelope(badSig).encode());
            // Member 4 posting a frame that claims member 2's slot (signed with 4's identity key).
            DkgDealing as2 = new DkgMember(cfg, new Keys(2, new SecretScalar(Scalars.random(GenesisHarness.RNG)),
                    h.founders.encryptionKeys()), GenesisHarness.RNG).deal();
            four.post(h.session.id(), 1, new BoardFrame.Envelope(SignedEnvelope.sign(as2, h.signer(4))).encode());
            // A "round done" for member 1 forged by member 4: would close round 1 early if believed.
            four.post(h.session.id(), 1, BoardFrame.RoundDone.sign(h.session.id(), 1, 1, h.signer(4)).encode());
            // Garbage.
            four.post(h.session.id(), 1, new byte[] {1, 2, 3});
            // A non-member cannot post at all: the board contract refuses its signature.
            ECKeyPair outsider = ECKeyPair.create(Scalars.random(GenesisHarness.RNG));
            var outsiderClient = h.fundedClient(outsider);
            try {
                EvmMessageBoard foreign = new EvmMessageBoard(outsiderClient, h.ceremony.board(), outsider);
                assertThatThrownBy(() -> foreign.post(h.session.id(), 1, new byte[] {1}))
                        .isInstanceOf(BoardException.class).hasMessageContaining("failed");
            } finally {
                outsiderClient.close();
            }

            List<GenesisCoordinator> cs = startAll(h);
            GenesisHarness.runAll(cs, TIMEOUT);
            GenesisResult result = assertAgreement(h, cs);
            assertThat(result.qualified().indices()).containsExactly(1, 2, 3, 4);
            for (GenesisCoordinator c : cs) {
                assertThat(c.rejections()).extracting(GenesisCoordinator.Rejection::reason).containsExactly(
                        "refused by the strict decoder: BAD_SIGNATURE",
                        "claims founder 2 but was posted by another identity",
                        "claims founder 1 but was posted by another identity",
                        "malformed frame");
            }
        }
    }

    @Test
    void aDealerWhoSendsABadShareIsDisqualifiedAndTheHonestMembersAgree() throws Exception {
        try (GenesisHarness h = new GenesisHarness(4, 1)) {
            List<GenesisCoordinator> cs = startAll(h);
            cs.get(1).interceptOutbound(GenesisOverBoardTest::garbleShareForMemberThree);
            GenesisHarness.runAll(cs, TIMEOUT);
            GenesisResult result = assertAgreement(h, cs);
            assertThat(result.qualified().indices()).containsExactly(1, 3, 4);
            assertThat(result.disqualified()).containsExactly(2);
            assertThat(result.unfoundedComplainers()).isEmpty();
            assertGroupSigns(h, result, 4, 1, "without 2's polynomial");
        }
    }

    @Test
    void twoCheatingDealersAreBothDisqualifiedByOneVictimsTwoComplaints() throws Exception {
        try (GenesisHarness h = new GenesisHarness(7, 3)) {
            List<GenesisCoordinator> cs = startAll(h);
            cs.get(1).interceptOutbound(GenesisOverBoardTest::garbleShareForMemberThree);
            cs.get(4).interceptOutbound(GenesisOverBoardTest::garbleShareForMemberThree);
            GenesisHarness.runAll(cs, TIMEOUT);
            GenesisResult result = assertAgreement(h, cs);
            assertThat(result.qualified().indices()).containsExactly(1, 3, 4, 6, 7);
            assertThat(result.disqualified()).containsExactly(2, 5);
            cs.forEach(c -> assertThat(c.rejections()).isEmpty());
            assertGroupSigns(h, result, 7, 3, "after two disqualifications");
        }
    }

    @Test
    void aDealerWhoPublishesFalseFeldmanCommitmentsIsReconstructedInPublic() throws Exception {
        try (GenesisHarness h = new GenesisHarness(4, 1)) {
            List<GenesisCoordinator> cs = startAll(h);
            cs.get(1).interceptOutbound(m -> {
                if (m instanceof DkgFeldman f) {
                    List<ECPoint> lie = new ArrayList<>(f.commitments());
                    lie.set(1, lie.get(1).add(Secp256k1.G).normalize());
                    return new DkgFeldman(f.header(), lie);
                }
                return m;
            });
            GenesisHarness.runAll(cs, TIMEOUT);
            GenesisResult result = assertAgreement(h, cs);
            assertThat(result.qualified().indices()).containsExactly(1, 2, 3, 4);
            assertThat(result.reconstructedDealers()).containsExactly(2);
            assertGroupSigns(h, result, 4, 1, "after reconstruction");
        }
    }

    @Test
    void aSilentFounderIsLeftOutWhenTheRoundDeadlinesPassOnTheBoard() throws Exception {
        try (GenesisHarness h = new GenesisHarness(4, 1, 60)) {
            List<GenesisCoordinator> cs = List.of(h.start(1), h.start(2), h.start(3));
            // Member 4 never starts. Anvil mines only on transactions; a steady block producer stands in for the
            // sidechain's own block time so that deadlines pass.
            Thread producer = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    h.devnet.evmCall("evm_mine", "[]");
                    try {
                        Thread.sleep(40);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            producer.setDaemon(true);
            producer.start();
            try {
                GenesisHarness.runAll(cs, TIMEOUT);
            } finally {
                producer.interrupt();
                producer.join();
            }
            for (GenesisCoordinator c : cs) {
                assertThat(c.status()).as("member %d: %s", c.self(), c.failure())
                        .isEqualTo(GenesisCoordinator.Status.COMPLETE);
            }
            GenesisResult result = cs.get(0).result().orElseThrow();
            for (GenesisCoordinator c : cs) {
                assertThat(c.result().orElseThrow().group().publicKey()).isEqualTo(result.group().publicKey());
            }
            assertThat(result.qualified().indices()).containsExactly(1, 2, 3);
            assertThat(result.disqualified()).containsExactly(4);
            assertThat(h.sealed).containsOnlyKeys(1, 2, 3);
            assertGroupSigns(h, result, 4, 1, "three of four");
        }
    }
}
