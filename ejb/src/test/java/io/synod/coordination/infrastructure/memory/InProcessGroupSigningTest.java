package io.synod.coordination.infrastructure.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.GroupSigningContract;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.threshold.evidence.InvalidPartialEvidence;

class InProcessGroupSigningTest extends GroupSigningContract {

    @Override
    protected GroupSigning newGroup(int n, int t, IntFunction<ActionVerifiers> verifiersOf) {
        return InProcessGroupSigning.generate(n, t, verifiersOf);
    }

    private static InProcessGroupSigning honest() {
        return InProcessGroupSigning.generate(N, T, i -> ActionVerifiers.of(digesting("honest", BigInteger.ZERO)));
    }

    @Test
    void anOfflineMemberDoesNotBlockButTwoDo() throws Exception {
        InProcessGroupSigning g = honest();
        g.offline(4);
        assertThat(g.sign(new ContractAction(new byte[] {1}), Duration.ofSeconds(5)).verifiesUnder(g.groupPublicKey()))
                .isTrue();
        g.offline(3);
        assertThatThrownBy(() -> g.sign(new ContractAction(new byte[] {2}), Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(SigningFailed.class, f -> assertThat(f.culprits()).containsExactly(3, 4));
    }

    @Test
    void presignaturesComeFromThePoolAndAreUsedOnce() throws Exception {
        InProcessGroupSigning g = honest();
        assertThat(g.poolSize()).isZero();
        g.sign(new ContractAction(new byte[] {1}), Duration.ofSeconds(5));
        assertThat(g.poolSize()).isEqualTo(3);
        g.sign(new ContractAction(new byte[] {2}), Duration.ofSeconds(5));
        assertThat(g.poolSize()).isEqualTo(2);
    }

    @Test
    void aPresignatureMadeByAllServesAnyThreeOfThem() throws Exception {
        InProcessGroupSigning g = honest();
        g.sign(new ContractAction(new byte[] {1}), Duration.ofSeconds(5));
        int pooled = g.poolSize();
        g.offline(1);
        GroupSignature sig = g.sign(new ContractAction(new byte[] {2}), Duration.ofSeconds(5));
        assertThat(sig.verifiesUnder(g.groupPublicKey())).isTrue();
        assertThat(g.poolSize()).as("served from the pool made among all four").isEqualTo(pooled - 1);
    }

    @Test
    void aWrongPartialIsNamedWithEvidenceAndTheSignatureIsStillCorrect() throws Exception {
        InProcessGroupSigning g = honest();
        g.corruptPartials(2);
        GroupSignature sig = g.sign(new ContractAction(new byte[] {9}), Duration.ofSeconds(5));
        assertThat(sig.verifiesUnder(g.groupPublicKey())).isTrue();
        assertThat(g.lastBadSigners()).containsExactly(2);
        assertThat(g.evidence()).singleElement().isInstanceOfSatisfying(InvalidPartialEvidence.class,
                e -> assertThat(e.culprit()).isEqualTo(2));
    }
}
