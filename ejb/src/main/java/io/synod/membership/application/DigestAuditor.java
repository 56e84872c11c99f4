package io.synod.membership.application;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

import io.synod.coordination.application.signing.SignOutcome;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.membership.domain.ObservedSignature;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.presign.PresignaturePublic;
import io.synod.threshold.sign.Rerandomiser;

/**
 * "A group signature over a digest that no approved action produces is evidence against the members who
 * contributed." Given a signature observed anywhere, the actions the group approved (each with the target every
 * approving member's own verifier computed) and the signing sessions of the board log (each with the public part of
 * the presignature it used and the members whose partial signatures it holds), the auditor decides: not a group
 * signature at all; approved (some approved action produces exactly that digest under that tweak); or unapproved,
 * with evidence naming the contributors of the session whose presignature made it. The presignature is found by
 * the nonce: a presignature (R, id) used for digest m under key P + δG signs with r = x(ρ·R) where
 * ρ = H(id, R, m, δ, P + δG) (see {@code Rerandomiser}), which the auditor recomputes for the observed digest.
 * When no session's presignature gives the observed r, the evidence names nobody: a leaked presignature or key,
 * which the operators must treat as a compromise.
 */
public final class DigestAuditor {

    /** An action the group agreed to sign, with its agreed target. */
    public record ApprovedAction(SessionId session, ActionKind kind, SigningTarget target) {
    }

    /**
     * One signing session as the board shows it: the public part of the presignature its proposal named, and the
     * members that posted partial signatures with it.
     */
    public record SessionPresignature(SessionId session, PresignaturePublic presignature, Set<Integer> contributors) {
        public SessionPresignature {
            contributors = Set.copyOf(contributors);
        }
    }

    /** What the auditor concluded. */
    public sealed interface Verdict permits NotGroupSignature, Approved, Unapproved {
    }

    /** The signature does not verify under the group key (with the stated tweak): nothing to say about members. */
    public record NotGroupSignature(ObservedSignature signature) implements Verdict {
    }

    public record Approved(ObservedSignature signature, ApprovedAction action) implements Verdict {
    }

    /**
     * Evidence of misbehaviour: a valid group signature over a digest no approved action produces; {@code session}
     * is the board session whose presignature made it and {@code culprits} its contributors (empty if none did).
     */
    public record Unapproved(ObservedSignature signature, Optional<SessionId> session, List<Integer> culprits)
            implements Verdict {
        public Unapproved {
            culprits = List.copyOf(culprits);
        }
    }

    private final ECPoint groupKey;

    public DigestAuditor(byte[] compressedGroupKey) {
        this.groupKey = Secp256k1.CURVE.decodePoint(compressedGroupKey).normalize();
    }

    public Verdict audit(ObservedSignature sig, Collection<ApprovedAction> approved,
            Collection<SessionPresignature> log) {
        if (!verifies(sig)) {
            return new NotGroupSignature(sig);
        }
        SigningTarget seen = new SigningTarget(sig.digest(), sig.tweak());
        for (ApprovedAction a : approved) {
            if (a.target().equals(seen)) {
                return new Approved(sig, a);
            }
        }
        Set<Integer> culprits = new TreeSet<>();
        Optional<SessionId> session = Optional.empty();
        ECPoint key = GroupSignature.tweakedKey(groupKey, sig.tweak());
        for (SessionPresignature p : log) {
            if (Rerandomiser.derive(p.presignature(), sig.digest(), sig.tweak(), key).r().equals(sig.r())) {
                session = session.or(() -> Optional.of(p.session()));
                culprits.addAll(p.contributors());
            }
        }
        return new Unapproved(sig, session, List.copyOf(culprits));
    }

    /** ECDSA under the (tweaked) group key; high-S accepted too, as a third party may have flipped it. */
    private boolean verifies(ObservedSignature sig) {
        if (sig.r().compareTo(Secp256k1.N) >= 0 || sig.s().compareTo(Secp256k1.N) >= 0) {
            return false;
        }
        ECPoint key = GroupSignature.tweakedKey(groupKey, sig.tweak());
        ECDSASigner v = new ECDSASigner();
        v.init(false, new ECPublicKeyParameters(key, new ECDomainParameters(Secp256k1.CURVE, Secp256k1.G,
                Secp256k1.N)));
        return v.verifySignature(sig.digest(), sig.r(), sig.s());
    }

    /** A signing session that ended signed, as an approved action (its agreed target is the signature's target). */
    public static Optional<ApprovedAction> approvedBy(SignOutcome o) {
        return o.signature().map(s -> new ApprovedAction(o.session(), o.kind(), s.target()));
    }
}
