package io.synod.membership.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.membership.domain.ObservedSignature;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.presign.Presignature;
import io.synod.threshold.sign.EcdsaSignature;
import io.synod.threshold.sharing.IndexSet;

/**
 * The unapproved-digest audit on real threshold signatures (in-process group of 4, t = 1): members 1, 2 and 3 sign
 * an approved digest on the board, then reuse their presignature shares to sign a digest nobody approved.
 */
class DigestAuditorTest {
    private static final SecureRandom RNG = new SecureRandom();
    private static final IndexSet SIGNERS = IndexSet.of(1, 2, 3);

    private final InProcessGroup group = InProcessGroup.of(4, RNG);
    private final InProcessGroup.DkgResult dkg = group.dkg(InProcessGroup.sessionId("audit/dkg", 1),
            IndexSet.of(1, 2, 3, 4), 1);
    private final Map<Integer, KeyShare> shares = dkg.shares();
    private final byte[] groupKey = dkg.group().publicKey().getEncoded(true);
    private final DigestAuditor auditor = new DigestAuditor(groupKey);

    private final SessionId boardSession = new SessionId(Hashing.hash("test/audit/session", new byte[] {1}));
    private final byte[] approvedDigest = Hashing.hash("test/audit/approved", new byte[] {1});
    private final byte[] otherDigest = Hashing.hash("test/audit/never-approved", new byte[] {2});

    /** Each signer's presignature share, twice: what a member that keeps a copy instead of wiping it holds. */
    private List<Map<Integer, Presignature>> presignatureAndACopy(int counter) {
        Map<Integer, Presignature> made = group.presign(InProcessGroup.sessionId("audit/presign", counter), SIGNERS,
                shares);
        Map<Integer, Presignature> a = new TreeMap<>();
        Map<Integer, Presignature> b = new TreeMap<>();
        made.forEach((i, p) -> {
            BigInteger k = p.consume();
            a.put(i, new Presignature(p.publicPart(), i, k));
            b.put(i, new Presignature(p.publicPart(), i, k));
        });
        return List.of(a, b);
    }

    private EcdsaSignature sign(Map<Integer, Presignature> presigs, byte[] digest, int counter) {
        return group.sign(InProcessGroup.sessionId("audit/sign", counter), presigs, shares, SIGNERS, digest,
                BigInteger.ZERO).signature();
    }

    private static ObservedSignature seen(String where, byte[] digest, EcdsaSignature s) {
        return new ObservedSignature(where, digest, s.r(), s.s(), BigInteger.ZERO);
    }

    @Test
    void aGroupSignatureOverAnApprovedDigestIsApproved() {
        EcdsaSignature sig = sign(presignatureAndACopy(1).get(0), approvedDigest, 1);
        DigestAuditor.ApprovedAction action = new DigestAuditor.ApprovedAction(boardSession, ActionKind.MINT,
                SigningTarget.untweaked(approvedDigest));
        DigestAuditor.Verdict v = auditor.audit(seen("sidechain mint call", approvedDigest, sig), List.of(action),
                List.of());
        assertThat(v).isInstanceOfSatisfying(DigestAuditor.Approved.class,
                a -> assertThat(a.action()).isEqualTo(action));
    }

    @Test
    void aGroupSignatureOverADigestNoApprovedActionProducesNamesTheSessionsContributors() {
        List<Map<Integer, Presignature>> twice = presignatureAndACopy(2);
        EcdsaSignature onBoard = sign(twice.get(0), approvedDigest, 2);
        EcdsaSignature offBoard = sign(twice.get(1), otherDigest, 3);
        assertThat(offBoard.r()).as("re-randomised per digest").isNotEqualTo(onBoard.r());
        List<DigestAuditor.ApprovedAction> approved = List.of(new DigestAuditor.ApprovedAction(boardSession,
                ActionKind.MINT, SigningTarget.untweaked(approvedDigest)));
        List<DigestAuditor.SessionPresignature> log = List.of(
                new DigestAuditor.SessionPresignature(new SessionId(Hashing.hash("test/other", new byte[0])),
                        presignatureAndACopy(3).get(0).get(1).publicPart(), Set.of(4)),
                new DigestAuditor.SessionPresignature(boardSession, twice.get(0).get(1).publicPart(),
                        Set.of(1, 2, 3)));

        DigestAuditor.Verdict v = auditor.audit(seen("bitcoin input 0 of some tx", otherDigest, offBoard), approved,
                log);
        assertThat(v).isInstanceOfSatisfying(DigestAuditor.Unapproved.class, u -> {
            assertThat(u.session()).contains(boardSession);
            assertThat(u.culprits()).containsExactly(1, 2, 3);
            assertThat(u.signature().digest()).isEqualTo(otherDigest);
        });
        // The same digest under another tweak is not what was approved either.
        DigestAuditor.Verdict tweaked = auditor.audit(new ObservedSignature("x", approvedDigest, onBoard.r(),
                onBoard.s(), BigInteger.ONE), approved, log);
        assertThat(tweaked).isInstanceOf(DigestAuditor.NotGroupSignature.class);
    }

    @Test
    void anUnapprovedSignatureFromAPresignatureNoBoardSessionUsedNamesNobodyAndAForeignSignatureIsNotTheGroups() {
        EcdsaSignature hidden = sign(presignatureAndACopy(5).get(0), otherDigest, 4);
        List<DigestAuditor.SessionPresignature> log = List.of(new DigestAuditor.SessionPresignature(boardSession,
                presignatureAndACopy(6).get(0).get(1).publicPart(), Set.of(1, 2, 3)));
        DigestAuditor.Verdict v = auditor.audit(seen("bitcoin", otherDigest, hidden), List.of(), log);
        assertThat(v).isInstanceOfSatisfying(DigestAuditor.Unapproved.class, u -> {
            assertThat(u.session()).isEmpty();
            assertThat(u.culprits()).isEmpty();
        });
        // High-S form of the same signature (anyone can flip it) is still recognised as the group's.
        BigInteger highS = Secp256k1.N.subtract(hidden.s());
        assertThat(auditor.audit(new ObservedSignature("flipped", otherDigest, hidden.r(), highS, BigInteger.ZERO),
                List.of(), List.of())).isInstanceOf(DigestAuditor.Unapproved.class);
        // A signature that is not the group key's over this digest says nothing about the members.
        assertThat(auditor.audit(new ObservedSignature("foreign", approvedDigest, hidden.r(), hidden.s(),
                BigInteger.ZERO), List.of(), List.of())).isInstanceOf(DigestAuditor.NotGroupSignature.class);
    }
}
