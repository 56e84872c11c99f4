package io.synod.threshold;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.evidence.EquivocationEvidence;
import io.synod.threshold.evidence.Evidence;
import io.synod.threshold.evidence.InvalidPartialEvidence;
import io.synod.threshold.evidence.InvalidProductEvidence;
import io.synod.threshold.evidence.InvalidShareEvidence;
import io.synod.threshold.evidence.WrongConstantEvidence;
import io.synod.threshold.inprocess.GroupAbort;
import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.message.DecodeException;
import io.synod.threshold.message.DkgDealing;
import io.synod.threshold.message.DkgFeldman;
import io.synod.threshold.message.PartialSignatureMessage;
import io.synod.threshold.message.PresignDealing;
import io.synod.threshold.message.PresignProduct;
import io.synod.threshold.message.ReshareDealing;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignedEnvelope;
import io.synod.threshold.presign.Presignature;
import io.synod.threshold.reshare.ReshareConfig;
import io.synod.threshold.sharing.IndexSet;

/** Each attack from the issue: detected, attributed to the right member, never a wrong signature. */
class AdversarialTest {
    private static final byte[] DIGEST = Hashing.hash("test", "pay 1 BTC".getBytes());

    private static byte[] sid(String p) {
        return InProcessGroup.sessionId(p, 0);
    }

    private static void assertEvidence(InProcessGroup g, List<Evidence> ev, int culprit, Class<?> type) {
        assertFalse(ev.isEmpty(), "evidence expected");
        for (Evidence e : ev) {
            assertEquals(culprit, e.culprit());
            assertTrue(type.isInstance(e), "evidence type " + e.getClass().getSimpleName());
            assertTrue(e.verify(g.identities().verifier()), "evidence must verify for anyone");
        }
    }

    private static void signAndVerify(InProcessGroup g, Map<Integer, KeyShare> shares, IndexSet signers, String tag) {
        var pre = g.presign(sid("pre-" + tag), signers, shares);
        var res = g.sign(sid("sign-" + tag), pre, shares, signers, DIGEST, BigInteger.ZERO);
        IndependentVerifiers.assertVerifiesEverywhere(shares.get(signers.get(0)).group().publicKey(), DIGEST,
                res.signature());
    }

    @Test
    void wrongShareDisqualifiesTheDealerAndHonestMembersAgree() {
        InProcessGroup g = InProcessGroup.of(5, TestRandom.seeded(100));
        byte[] s = sid("dkg-wrong-share");
        g.intercept(3, m -> m instanceof DkgDealing d ? new DkgDealing(d.header(), d.pedersen(), d.ephemeral(),
                Tamper.reencrypt(d.ciphertexts(), 0, 1, d.ephemeral(), d.header().associatedData(1), g.keys(1),
                        Tamper::bumpFirstScalar)) : m);
        var r = g.dkg(s, IndexSet.range(5), 2);
        assertEquals(IndexSet.of(1, 2, 4, 5), r.qualified());
        assertEvidence(g, r.evidence(), 3, InvalidShareEvidence.class);
        // evidence with another complainer key does not convict
        InvalidShareEvidence e = (InvalidShareEvidence) r.evidence().get(0);
        assertFalse(new InvalidShareEvidence(e.dealing(), e.dealingContext(), e.complaint(), e.complaintContext(),
                g.keys(2).encryptionKey(2), null).verify(g.identities().verifier()));
        g.clearInterceptors();
        signAndVerify(g, r.shares(), IndexSet.range(5), "after-dq");
    }

    @Test
    void wrongCommitmentIsAccusedByEveryone() {
        InProcessGroup g = InProcessGroup.of(5, TestRandom.seeded(101));
        g.intercept(4, m -> m instanceof DkgDealing d
                ? new DkgDealing(d.header(), Tamper.shiftEntry(d.pedersen(), 1), d.ephemeral(), d.ciphertexts()) : m);
        var r = g.dkg(sid("dkg-wrong-commitment"), IndexSet.range(5), 2);
        assertFalse(r.qualified().contains(4));
        assertEquals(5, r.evidence().size(), "every recipient (the dealer too) proves it");
        assertEvidence(g, r.evidence(), 4, InvalidShareEvidence.class);
    }

    @Test
    void feldmanCommitmentsThatContradictTheDealingAreProvenAndTheDealerIsReconstructedInPublic() {
        InProcessGroup g = InProcessGroup.of(5, TestRandom.seeded(102));
        g.intercept(2, m -> m instanceof DkgFeldman f
                ? new DkgFeldman(f.header(), Tamper.shiftEntry(f.commitments(), 0)) : m);
        var r = g.dkg(sid("dkg-feldman"), IndexSet.range(5), 2);
        assertEquals(List.of(2), r.reconstructed());
        assertEquals(IndexSet.range(5), r.qualified(), "GJKR: the dealer's contribution stays in the key");
        assertEvidence(g, r.evidence(), 2, InvalidShareEvidence.class);
        // the key is the one the shares interpolate (so dealer 2 could not shift it by publishing a wrong A_0)
        int[] idx = {1, 2, 3};
        BigInteger x = io.synod.threshold.math.Lagrange.interpolateAtZero(idx, new BigInteger[] {
            r.shares().get(1).secret(), r.shares().get(2).secret(), r.shares().get(3).secret()});
        assertEquals(r.group().publicKey(), io.synod.threshold.math.Secp256k1.mulG(x).normalize());
        g.clearInterceptors();
        signAndVerify(g, r.shares(), IndexSet.range(5), "after-reconstruction");
    }

    @Test
    void commitmentVectorOneTooLongOrTooShortIsRejectedBeforeStorage() {
        for (int delta : new int[] {+1, -1}) {
            InProcessGroup g = InProcessGroup.of(5, TestRandom.seeded(103 + delta));
            g.intercept(5, m -> {
                if (!(m instanceof DkgDealing d)) {
                    return m;
                }
                List<org.bouncycastle.math.ec.ECPoint> c = new ArrayList<>(d.pedersen());
                if (delta > 0) {
                    c.add(c.get(0));
                } else {
                    c.remove(c.size() - 1);
                }
                return new DkgDealing(d.header(), c, d.ephemeral(), d.ciphertexts());
            });
            GroupAbort a = assertThrows(GroupAbort.class, () -> g.dkg(sid("dkg-length"), IndexSet.range(5), 2));
            assertEquals(List.of(5), a.culprits());
            assertTrue(a.getMessage().contains("WRONG_VECTOR_LENGTH"));
            assertEvidence(g, a.evidence(), 5, io.synod.threshold.evidence.MalformedMessageEvidence.class);
        }
    }

    @Test
    void equivocationYieldsEvidenceAndForgeriesAreRejected() throws Exception {
        InProcessGroup g = InProcessGroup.of(3, TestRandom.seeded(104));
        var r = g.dkg(sid("dkg-eq"), IndexSet.range(3), 1);
        byte[] s = sid("eq-session");
        SessionContext ctx = new SessionContext(s, 0, IndexSet.range(3), IndexSet.range(3));
        var h = new io.synod.threshold.message.Header(io.synod.threshold.message.MessageType.PARTIAL_SIGNATURE, s, 2);
        SignedEnvelope a = SignedEnvelope.sign(new PartialSignatureMessage(h, new byte[32], BigInteger.ONE),
                g.identities().signer(2));
        SignedEnvelope b = SignedEnvelope.sign(new PartialSignatureMessage(h, new byte[32], BigInteger.TWO),
                g.identities().signer(2));
        assertTrue(g.log().post(a, ctx).isEmpty());
        assertTrue(g.log().post(a, ctx).isEmpty(), "an identical repeat is not equivocation");
        EquivocationEvidence ev = g.log().post(b, ctx).orElseThrow();
        assertEquals(2, ev.culprit());
        assertTrue(ev.verify(g.identities().verifier()));
        // member 3 cannot frame member 2: its signature does not verify as member 2's
        SignedEnvelope forged = new SignedEnvelope(b.payload(), g.identities().signer(3).sign(
                SignedEnvelope.signingInput(b.payload())));
        assertFalse(new EquivocationEvidence(a, forged).verify(g.identities().verifier()));
        DecodeException bad = assertThrows(DecodeException.class, () -> g.log().post(forged, ctx));
        assertEquals(DecodeException.Reason.BAD_SIGNATURE, bad.reason());
        assertTrue(r.evidence().isEmpty());
    }

    @Test
    void complaintsAgainstSeveralDealersAreNotEquivocationButTwoAgainstOneAre() throws Exception {
        InProcessGroup g = InProcessGroup.of(4, TestRandom.seeded(106));
        byte[] s = sid("complaints");
        SessionContext ctx = new SessionContext(s, 1, IndexSet.range(4), IndexSet.range(4));
        var h = new io.synod.threshold.message.Header(io.synod.threshold.message.MessageType.DKG_COMPLAINT, s, 2);
        var rng = TestRandom.seeded(107);
        java.util.function.BiFunction<Integer, BigInteger, SignedEnvelope> complaint = (accused, y) -> {
            var e = io.synod.threshold.math.Secp256k1.mulG(BigInteger.valueOf(7 + accused));
            var z = e.multiply(y).normalize();
            var proof = io.synod.threshold.ecies.Dleq.prove(s, io.synod.threshold.math.Secp256k1.G,
                    io.synod.threshold.math.Secp256k1.mulG(y), e, z, y, rng);
            return SignedEnvelope.sign(new io.synod.threshold.message.Complaint(h, accused, z, proof), g.identities().signer(2));
        };
        assertTrue(g.log().post(complaint.apply(1, BigInteger.valueOf(11)), ctx).isEmpty());
        assertTrue(g.log().post(complaint.apply(3, BigInteger.valueOf(11)), ctx).isEmpty(),
                "a second accusation against another dealer is a new slot");
        EquivocationEvidence ev = g.log().post(complaint.apply(1, BigInteger.valueOf(12)), ctx).orElseThrow();
        assertEquals(2, ev.culprit());
        assertTrue(ev.verify(g.identities().verifier()));
    }

    @Test
    void messageReplayedFromAnotherSessionIsRejected() {
        InProcessGroup g = InProcessGroup.of(3, TestRandom.seeded(105));
        byte[] s1 = sid("epoch-1");
        var h = new io.synod.threshold.message.Header(io.synod.threshold.message.MessageType.PARTIAL_SIGNATURE, s1, 1);
        SignedEnvelope old = SignedEnvelope.sign(new PartialSignatureMessage(h, new byte[32], BigInteger.ONE),
                g.identities().signer(1));
        SessionContext epoch2 = new SessionContext(sid("epoch-2"), 0, IndexSet.range(3), IndexSet.range(3));
        DecodeException e = assertThrows(DecodeException.class, () -> g.log().post(old, epoch2));
        assertEquals(DecodeException.Reason.WRONG_SESSION, e.reason());
        // whoever replays member 1's message cannot get member 1 convicted for it
        assertFalse(new io.synod.threshold.evidence.MalformedMessageEvidence(old, epoch2)
                .verify(g.identities().verifier()));
    }

    @Test
    void badProductShareIsFoundWhenTheSignatureFailsAndNoSignatureIsReturned() {
        InProcessGroup g = InProcessGroup.of(5, TestRandom.seeded(106));
        var r = g.dkg(sid("dkg-mu"), IndexSet.range(5), 2);
        g.intercept(2, m -> m instanceof PresignProduct p ? new PresignProduct(p.header(),
                List.of(Scalars.add(p.mu().get(0), BigInteger.ONE)), p.muProofs(), p.q(), p.qProofs()) : m);
        Map<Integer, Presignature> pre = g.presign(sid("pre-mu"), IndexSet.range(5), r.shares());
        GroupAbort a = assertThrows(GroupAbort.class,
                () -> g.sign(sid("sign-mu"), pre, r.shares(), IndexSet.range(5), DIGEST, BigInteger.ZERO));
        assertEquals(List.of(2), a.culprits());
        assertEvidence(g, a.evidence(), 2, InvalidProductEvidence.class);
        assertTrue(pre.values().stream().allMatch(Presignature::isConsumed));
        // eager mode catches it during presigning already
        GroupAbort eager = assertThrows(GroupAbort.class,
                () -> g.presign(sid("pre-mu-eager"), IndexSet.range(5), r.shares(), true));
        assertEquals(List.of(2), eager.culprits());
    }

    @Test
    void badPartialWithExactly2tPlus1AbortsAndThePresignatureIsNeverRetried() {
        InProcessGroup g = InProcessGroup.of(5, TestRandom.seeded(107));
        var r = g.dkg(sid("dkg-partial"), IndexSet.range(5), 2);
        Map<Integer, Presignature> pre = g.presign(sid("pre-partial"), IndexSet.range(5), r.shares());
        g.intercept(3, m -> m instanceof PartialSignatureMessage p ? new PartialSignatureMessage(p.header(),
                p.presignatureId(), Scalars.add(p.s(), BigInteger.ONE)) : m);
        GroupAbort a = assertThrows(GroupAbort.class,
                () -> g.sign(sid("sign-partial"), pre, r.shares(), IndexSet.range(5), DIGEST, BigInteger.ZERO));
        assertEquals(List.of(3), a.culprits());
        assertEvidence(g, a.evidence(), 3, InvalidPartialEvidence.class);
        g.clearInterceptors();
        // abort-and-retry: every honest member already consumed its presignature
        for (int m = 1; m <= 5; m++) {
            assertTrue(pre.get(m).isConsumed());
        }
        assertThrows(Presignature.PresignatureConsumedException.class, () -> g.sign(sid("sign-retry"), pre,
                r.shares(), IndexSet.range(5), Hashing.hash("test", "another".getBytes()), BigInteger.ZERO));
    }

    @Test
    void withMoreThan2tPlus1PartialsTheBadOneIsReportedAndTheSignatureIsStillRight() {
        InProcessGroup g = InProcessGroup.of(6, TestRandom.seeded(108));
        var r = g.dkg(sid("dkg-extra"), IndexSet.range(6), 2);
        Map<Integer, Presignature> pre = g.presign(sid("pre-extra"), IndexSet.range(6), r.shares());
        g.intercept(4, m -> m instanceof PartialSignatureMessage p ? new PartialSignatureMessage(p.header(),
                p.presignatureId(), Scalars.add(p.s(), BigInteger.TEN)) : m);
        var res = g.sign(sid("sign-extra"), pre, r.shares(), IndexSet.range(6), DIGEST, BigInteger.ZERO);
        assertEquals(List.of(4), res.badSigners());
        assertEvidence(g, res.evidence(), 4, InvalidPartialEvidence.class);
        IndependentVerifiers.assertVerifiesEverywhere(r.group().publicKey(), DIGEST, res.signature());
        // and a bad extra partial that is not among the first 2t+1 is found by decoding too
        Map<Integer, Presignature> pre2 = g.presign(sid("pre-extra-2"), IndexSet.range(6), r.shares());
        g.clearInterceptors();
        g.intercept(6, m -> m instanceof PartialSignatureMessage p ? new PartialSignatureMessage(p.header(),
                p.presignatureId(), Scalars.add(p.s(), BigInteger.ONE)) : m);
        var res2 = g.sign(sid("sign-extra-2"), pre2, r.shares(), IndexSet.range(6), DIGEST, BigInteger.ZERO);
        assertEquals(List.of(6), res2.badSigners());
        IndependentVerifiers.assertVerifiesEverywhere(r.group().publicKey(), DIGEST, res2.signature());
    }

    @Test
    void fewerThan2tPlus1SignersCannotSign() {
        InProcessGroup g = InProcessGroup.of(5, TestRandom.seeded(109));
        var r = g.dkg(sid("dkg-2t"), IndexSet.range(5), 2);
        assertThrows(ThresholdException.class, () -> g.presign(sid("pre-2t"), IndexSet.of(1, 2, 3, 4), r.shares()));
        Map<Integer, Presignature> pre = g.presign(sid("pre-2t-b"), IndexSet.range(5), r.shares());
        GroupAbort a = assertThrows(GroupAbort.class,
                () -> g.sign(sid("sign-2t"), pre, r.shares(), IndexSet.of(1, 2, 3, 4), DIGEST, BigInteger.ZERO));
        assertTrue(a.culprits().isEmpty(), "nobody cheated; there are simply too few partials");
    }

    @Test
    void wrongPresignShareIsProvenAgainstTheDealer() {
        InProcessGroup g = InProcessGroup.of(5, TestRandom.seeded(110));
        var r = g.dkg(sid("dkg-ps"), IndexSet.range(5), 2);
        g.intercept(5, m -> {
            if (!(m instanceof PresignDealing d)) {
                return m;
            }
            return new PresignDealing(d.header(), d.batch(), d.kCommitments(), d.alphaCommitments(), d.ephemeral(),
                    Tamper.reencrypt(d.ciphertexts(), 1, 2, d.ephemeral(), d.header().associatedData(2), g.keys(2),
                            Tamper::bumpFirstScalar));
        });
        GroupAbort a = assertThrows(GroupAbort.class, () -> g.presign(sid("pre-ps"), IndexSet.range(5), r.shares()));
        assertEquals(List.of(5), a.culprits());
        assertEvidence(g, a.evidence(), 5, InvalidShareEvidence.class);
    }

    @Test
    void resharingDealerWithAWrongConstantIsExcludedAndTheKeyIsUnchanged() {
        InProcessGroup g = InProcessGroup.of(7, TestRandom.seeded(111));
        var r = g.dkg(sid("dkg-rs"), IndexSet.range(5), 2);
        g.intercept(1, m -> m instanceof ReshareDealing d
                ? new ReshareDealing(d.header(), Tamper.shiftEntry(d.commitments(), 0), d.ephemeral(), d.ciphertexts())
                : m);
        g.intercept(2, m -> m instanceof ReshareDealing d ? new ReshareDealing(d.header(), d.commitments(),
                d.ephemeral(), Tamper.reencrypt(d.ciphertexts(), 0, 3, d.ephemeral(), d.header().associatedData(3),
                        g.keys(3), Tamper::bumpFirstScalar)) : m);
        var cfg = new ReshareConfig(sid("reshare-1"), r.group(), IndexSet.range(5), IndexSet.of(3, 4, 5, 6, 7), 2);
        var rs = g.reshare(cfg, r.shares());
        assertEquals(List.of(1, 2), rs.excluded());
        assertEvidence(g, rs.evidence().stream().filter(e -> e.culprit() == 2).toList(), 2,
                InvalidShareEvidence.class);
        // the wrong constant needs no complaint: the signed dealing and the old public share prove it to anyone
        List<Evidence> constant = rs.evidence().stream().filter(e -> e.culprit() == 1).toList();
        assertEvidence(g, constant, 1, WrongConstantEvidence.class);
        assertEquals(1, constant.size());
        WrongConstantEvidence w = (WrongConstantEvidence) constant.get(0);
        ReshareDealing sent = (ReshareDealing) assertDoesNotThrow(() -> w.dealing().open(w.context(),
                g.identities().verifier()));
        assertFalse(new WrongConstantEvidence(w.dealing(), w.context(), sent.commitments().get(0))
                .verify(g.identities().verifier()), "against the constant it did commit to, the dealing is fine");
        byte[] forged = w.dealing().signature().clone();
        forged[forged.length - 1] ^= 1;
        assertFalse(new WrongConstantEvidence(new SignedEnvelope(w.dealing().payload(), forged), w.context(),
                w.oldPublicShare()).verify(g.identities().verifier()), "a dealing the dealer did not sign proves nothing");
        assertEquals(r.group().publicKey(), rs.group().publicKey());
        g.clearInterceptors();
        signAndVerify(g, rs.shares(), IndexSet.of(3, 4, 5, 6, 7), "after-reshare");
    }

    @Test
    void batchedPresignaturesEachSignOnceAndABadProductShareNamesItsSlot() {
        InProcessGroup g = InProcessGroup.of(5, TestRandom.seeded(112));
        var r = g.dkg(sid("dkg-batch"), IndexSet.range(5), 2);
        var batch = g.presignBatch(sid("pre-batch"), IndexSet.range(5), r.shares(), 3, false);
        assertEquals(3, batch.size());
        for (int b = 0; b < 3; b++) {
            byte[] digest = Hashing.hash("batch", new byte[] {(byte) b});
            var res = g.sign(InProcessGroup.sessionId("sign-batch", b), batch.get(b), r.shares(), IndexSet.range(5),
                    digest, BigInteger.ZERO);
            IndependentVerifiers.assertVerifiesEverywhere(r.group().publicKey(), digest, res.signature());
        }
        g.intercept(4, m -> {
            if (!(m instanceof PresignProduct p)) {
                return m;
            }
            List<BigInteger> mu = new ArrayList<>(p.mu());
            mu.set(1, Scalars.add(mu.get(1), BigInteger.ONE));
            return new PresignProduct(p.header(), mu, p.muProofs(), p.q(), p.qProofs());
        });
        var bad = g.presignBatch(sid("pre-batch-2"), IndexSet.range(5), r.shares(), 3, false);
        var ok = g.sign(sid("sign-b0"), bad.get(0), r.shares(), IndexSet.range(5), DIGEST, BigInteger.ZERO);
        IndependentVerifiers.assertVerifiesEverywhere(r.group().publicKey(), DIGEST, ok.signature());
        GroupAbort a = assertThrows(GroupAbort.class,
                () -> g.sign(sid("sign-b1"), bad.get(1), r.shares(), IndexSet.range(5), DIGEST, BigInteger.ZERO));
        assertEquals(List.of(4), a.culprits());
        assertEvidence(g, a.evidence(), 4, InvalidProductEvidence.class);
        assertEquals(1, ((InvalidProductEvidence) a.evidence().get(0)).slot());
        GroupAbort eager = assertThrows(GroupAbort.class,
                () -> g.presignBatch(sid("pre-batch-3"), IndexSet.range(5), r.shares(), 3, true));
        assertEquals(List.of(4), eager.culprits());
        assertEvidence(g, eager.evidence(), 4, InvalidProductEvidence.class);
    }
}
