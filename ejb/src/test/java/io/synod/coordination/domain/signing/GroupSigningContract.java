package io.synod.coordination.domain.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * What every {@link GroupSigning} must do, run against each implementation (in process, over the board). The
 * group has {@link #N} members and degree {@link #T} (2t+1 = 3 signers). The contract supplies each member's
 * verifiers, so refusal and disagreement are the members' own decisions, not a switch in the implementation.
 * Signatures are checked with independent verifiers: bitcoinj's ECKey.verify and web3j's ecrecover.
 */
public abstract class GroupSigningContract {
    protected static final int N = 4;
    protected static final int T = 1;
    private static final SecureRandom RNG = new SecureRandom();

    private GroupSigning current;

    /** A fresh group of n members, degree t; member i (1..n) checks with {@code verifiersOf(i)}. */
    protected abstract GroupSigning newGroup(int n, int t, IntFunction<ActionVerifiers> verifiersOf) throws Exception;

    protected Duration timeout() {
        return Duration.ofSeconds(90);
    }

    private GroupSigning group(IntFunction<ActionVerifiers> verifiersOf) throws Exception {
        return group(N, T, verifiersOf);
    }

    private GroupSigning group(int n, int t, IntFunction<ActionVerifiers> verifiersOf) throws Exception {
        current = newGroup(n, t, verifiersOf);
        return current;
    }

    @AfterEach
    void closeGroup() throws Exception {
        if (current instanceof AutoCloseable c) {
            c.close();
        }
    }

    /** A test action: an opaque payload; the honest digest is a tagged SHA-256 of it. */
    public record ContractAction(byte[] payload) implements SignableAction {
        @Override
        public ActionKind kind() {
            return ActionKind.RESERVE_ATTESTATION;
        }

        @Override
        public byte[] encode() {
            return payload.clone();
        }

        static ContractAction random() {
            byte[] p = new byte[40];
            RNG.nextBytes(p);
            return new ContractAction(p);
        }
    }

    /**
     * A test action of any kind whose first byte lists, as a bit mask, the members whose own view finds it right (as
     * a payout is right in the view of members whose node shows the redemption unpaid): see {@link #listed}.
     */
    public record ListedAction(ActionKind kind, byte[] payload) implements SignableAction {
        public static ListedAction approvedBy(ActionKind kind, int... members) {
            byte[] p = new byte[40];
            RNG.nextBytes(p);
            p[0] = 0;
            for (int m : members) {
                p[0] |= (byte) (1 << m);
            }
            return new ListedAction(kind, p);
        }

        @Override
        public byte[] encode() {
            return payload.clone();
        }
    }

    /** Member {@code member}'s verifier of {@link ListedAction}s of {@code kind}: approves only when listed. */
    public static ActionVerifier listed(int member, ActionKind kind) {
        return new ActionVerifier() {
            @Override
            public ActionKind kind() {
                return kind;
            }

            @Override
            public SigningTarget approve(byte[] encoded) throws ActionRefused {
                if ((encoded[0] >> member & 1) == 0) {
                    throw new ActionRefused(kind, "member " + member + "'s view does not support it");
                }
                return new SigningTarget(honestDigest(encoded, "listed"), BigInteger.ZERO);
            }
        };
    }

    public static byte[] honestDigest(byte[] encoded, String tag) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(tag.getBytes(StandardCharsets.UTF_8));
            return d.digest(encoded);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A verifier over {@link ContractAction}s: digest = SHA-256(tag ‖ payload), fixed tweak. */
    public static ActionVerifier digesting(String tag, BigInteger tweak) {
        return new ActionVerifier() {
            @Override
            public ActionKind kind() {
                return ActionKind.RESERVE_ATTESTATION;
            }

            @Override
            public SigningTarget approve(byte[] encoded) {
                return new SigningTarget(honestDigest(encoded, tag), tweak);
            }
        };
    }

    public static ActionVerifier refusing() {
        return new ActionVerifier() {
            @Override
            public ActionKind kind() {
                return ActionKind.RESERVE_ATTESTATION;
            }

            @Override
            public SigningTarget approve(byte[] encoded) throws ActionRefused {
                throw new ActionRefused(kind(), "not on this member's chain view");
            }
        };
    }

    static IntFunction<ActionVerifiers> honestExcept(Set<Integer> odd, ActionVerifier oddOne) {
        return i -> ActionVerifiers.of(odd.contains(i) ? oddOne : digesting("honest", BigInteger.ZERO));
    }

    /** bitcoinj verification and web3j ecrecover, both under the key the target was signed for. */
    public static void assertIndependentlyValid(GroupSignature sig, byte[] groupKey, byte[] digest, BigInteger tweak)
            throws Exception {
        ECKey base = ECKey.fromPublicOnly(groupKey);
        ECKey key = tweak.signum() == 0 ? base
                : ECKey.fromPublicOnly(base.getPubKeyPoint().add(ECKey.fromPrivate(tweak).getPubKeyPoint()), true);
        assertThat(sig.target().digest()).isEqualTo(digest);
        assertThat(ECKey.verify(digest, new ECKey.ECDSASignature(sig.r(), sig.s()), key.getPubKey()))
                .as("bitcoinj verifies under the %s key", tweak.signum() == 0 ? "group" : "tweaked").isTrue();
        assertThat(new ECKey.ECDSASignature(sig.r(), sig.s()).isCanonical()).as("low S").isTrue();
        byte[] eth = sig.ethereum();
        Sign.SignatureData data = new Sign.SignatureData(eth[64], java.util.Arrays.copyOfRange(eth, 0, 32),
                java.util.Arrays.copyOfRange(eth, 32, 64));
        BigInteger recovered = Sign.signedMessageHashToKey(digest, data);
        byte[] uncompressed = key.decompress().getPubKey();
        String expected = Keys.getAddress(Numeric.toBigInt(java.util.Arrays.copyOfRange(uncompressed, 1, 65)));
        assertThat(Keys.getAddress(recovered)).as("ecrecover gives the group address").isEqualTo(expected);
        ECKey recoveredByBitcoinj = ECKey.recoverFromSignature(sig.recoveryId(),
                new ECKey.ECDSASignature(sig.r(), sig.s()), Sha256Hash.wrap(digest), true);
        assertThat(recoveredByBitcoinj.getPubKey()).isEqualTo(key.getPubKey());
    }

    @Test
    void allMembersApproveAndTheSignatureVerifiesIndependently() throws Exception {
        GroupSigning g = group(honestExcept(Set.of(), null));
        ContractAction a = ContractAction.random();
        GroupSignature sig = g.sign(a, timeout());
        assertIndependentlyValid(sig, g.groupPublicKey(), honestDigest(a.encode(), "honest"), BigInteger.ZERO);
        assertThat(sig.verifiesUnder(g.groupPublicKey())).isTrue();
        // A second action uses a fresh presignature: a different r.
        GroupSignature again = g.sign(ContractAction.random(), timeout());
        assertThat(again.r()).isNotEqualTo(sig.r());
    }

    @Test
    void theTweakTheVerifiersChoseIsHonoured() throws Exception {
        BigInteger tweak = new BigInteger(1, honestDigest(new byte[] {7}, "tweak")).mod(io.synod.threshold.math.Secp256k1.N);
        GroupSigning g = group(i -> ActionVerifiers.of(digesting("honest", tweak)));
        ContractAction a = ContractAction.random();
        GroupSignature sig = g.sign(a, timeout());
        assertThat(sig.target().tweak()).isEqualTo(tweak);
        assertIndependentlyValid(sig, g.groupPublicKey(), honestDigest(a.encode(), "honest"), tweak);
        assertThat(ECKey.verify(sig.target().digest(), new ECKey.ECDSASignature(sig.r(), sig.s()),
                g.groupPublicKey())).as("not valid under the untweaked key").isFalse();
    }

    @Test
    void signAllReturnsOneValidSignaturePerActionInTheOrderGiven() throws Exception {
        GroupSigning g = group(honestExcept(Set.of(), null));
        List<ContractAction> actions = List.of(ContractAction.random(), ContractAction.random(), ContractAction.random());
        List<GroupSignature> sigs = g.signAll(actions, timeout());
        assertThat(sigs).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertIndependentlyValid(sigs.get(i), g.groupPublicKey(), honestDigest(actions.get(i).encode(), "honest"),
                    BigInteger.ZERO);
        }
        assertThat(sigs.stream().map(GroupSignature::r).distinct()).as("one presignature each").hasSize(3);
    }

    @Test
    void signAllFailsAsAWholeWhenOneActionIsRefused() throws Exception {
        GroupSigning g = group(i -> ActionVerifiers.of(digesting("honest", BigInteger.ZERO),
                listed(i, ActionKind.HEADER_RELAY)));
        List<SignableAction> actions = List.of(ContractAction.random(),
                ListedAction.approvedBy(ActionKind.HEADER_RELAY, 1), ContractAction.random());
        assertThatThrownBy(() -> g.signAll(actions, timeout()))
                .isInstanceOfSatisfying(SigningFailed.class, f -> assertThat(f.culprits()).contains(2, 3, 4));
    }

    @Test
    void aRefusingMinorityDoesNotBlock() throws Exception {
        GroupSigning g = group(honestExcept(Set.of(N), refusing()));
        ContractAction a = ContractAction.random();
        GroupSignature sig = g.sign(a, timeout());
        assertIndependentlyValid(sig, g.groupPublicKey(), honestDigest(a.encode(), "honest"), BigInteger.ZERO);
    }

    @Test
    void aRefusingMajorityGivesSigningFailedNamingTheRefusers() throws Exception {
        GroupSigning g = group(honestExcept(Set.of(3, 4), refusing()));
        assertThatThrownBy(() -> g.sign(ContractAction.random(), timeout()))
                .isInstanceOfSatisfying(SigningFailed.class, f -> assertThat(f.culprits()).contains(3, 4)
                        .doesNotContain(1, 2));
    }

    @Test
    void aMemberWhoseVerifierComputesAnotherDigestDoesNotContribute() throws Exception {
        // One dissenter: the other three still sign the honest digest.
        GroupSigning g = group(honestExcept(Set.of(2), digesting("other view", BigInteger.ZERO)));
        ContractAction a = ContractAction.random();
        GroupSignature sig = g.sign(a, timeout());
        assertIndependentlyValid(sig, g.groupPublicKey(), honestDigest(a.encode(), "honest"), BigInteger.ZERO);
    }

    @Test
    void twoDissentersLeaveTooFewForEitherDigest() throws Exception {
        GroupSigning g = group(honestExcept(Set.of(1, 2), digesting("other view", BigInteger.ZERO)));
        assertThatThrownBy(() -> g.sign(ContractAction.random(), timeout()))
                .isInstanceOfSatisfying(SigningFailed.class, f -> assertThat(f.culprits()).isNotEmpty());
    }

    @Test
    void anActionOfAKindNoMemberVerifiesIsRefused() throws Exception {
        GroupSigning g = group(honestExcept(Set.of(), null));
        SignableAction unverifiable = new SignableAction() {
            @Override
            public ActionKind kind() {
                return ActionKind.CONFISCATION_RECORD;
            }

            @Override
            public byte[] encode() {
                return new byte[] {1, 2, 3};
            }
        };
        assertThatThrownBy(() -> g.sign(unverifiable, timeout())).isInstanceOf(SigningFailed.class);
        // The group still signs what it can check afterwards.
        assertThat(g.sign(ContractAction.random(), timeout()).verifiesUnder(g.groupPublicKey())).isTrue();
    }

    /**
     * Five members, t = 1 (what {@code ThresholdPolicy.ONE_SPARE} gives): 3 approvals sign an attestation, but a
     * payout input needs 4, so two payouts approved by different members always share an honest approver.
     */
    @Test
    void atFiveMembersAPayoutNeedsFourApprovalsWhereOtherActionsNeedThree() throws Exception {
        ActionKind payout = ActionKind.REDEMPTION_PAYOUT_INPUT;
        ActionKind attestation = ActionKind.RESERVE_ATTESTATION;
        GroupSigning g = group(5, 1, i -> ActionVerifiers.of(listed(i, payout), listed(i, attestation)));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> g.sign(ListedAction.approvedBy(payout, 1, 2, 3), timeout()))
                .as("a payout input approved by 2t+1 = 3 of 5 is not signed")
                .isInstanceOfSatisfying(SigningFailed.class, f -> assertThat(f.culprits()).contains(4, 5)
                        .doesNotContain(1, 2, 3));
        ListedAction fourApprove = ListedAction.approvedBy(payout, 1, 2, 3, 4);
        GroupSignature paid = g.sign(fourApprove, timeout());
        assertIndependentlyValid(paid, g.groupPublicKey(), honestDigest(fourApprove.encode(), "listed"),
                BigInteger.ZERO);
        ListedAction threeApprove = ListedAction.approvedBy(attestation, 1, 2, 3);
        GroupSignature attested = g.sign(threeApprove, timeout());
        assertIndependentlyValid(attested, g.groupPublicKey(), honestDigest(threeApprove.encode(), "listed"),
                BigInteger.ZERO);
        System.out.printf("%s: payout quorum at 5 members (3 refused, 4 signed, attestation by 3) in %.1f s%n",
                getClass().getSimpleName(), (System.nanoTime() - t0) / 1e9);
    }

    protected static List<Integer> all() {
        return List.of(1, 2, 3, 4);
    }
}
