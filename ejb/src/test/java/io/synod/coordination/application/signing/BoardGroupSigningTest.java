package io.synod.coordination.application.signing;

import java.time.Duration;
import java.util.function.IntFunction;

import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.GroupSigningContract;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.domain.signing.SigningFailed;

/** The GroupSigning contract over the real MessageBoard on anvil: n coordinators (4 unless a test says), member 1 proposes. */
class BoardGroupSigningTest extends GroupSigningContract {

    /** Member 1's port, closing the whole harness afterwards. */
    private record HarnessSigning(SigningHarness harness, GroupSigning port) implements GroupSigning, AutoCloseable {
        @Override
        public GroupSignature sign(SignableAction action, Duration timeout) throws SigningFailed {
            try {
                return port.sign(action, timeout);
            } catch (SigningFailed f) {
                if (f.getMessage().contains("no signature within")) {
                    throw new AssertionError(f.getMessage() + harness.describe(), f);
                }
                throw f;
            }
        }

        @Override
        public java.util.List<GroupSignature> signAll(java.util.List<? extends SignableAction> actions,
                Duration timeout) throws SigningFailed {
            return port.signAll(actions, timeout);
        }

        @Override
        public byte[] groupPublicKey() {
            return port.groupPublicKey();
        }

        @Override
        public void close() throws InterruptedException {
            if (!harness.failures.isEmpty()) {
                throw new AssertionError("a member's coordinator failed", harness.failures.get(0));
            }
            harness.close();
        }
    }

    @Override
    protected GroupSigning newGroup(int n, int t, IntFunction<ActionVerifiers> verifiersOf) {
        // Long rounds: every outcome here is decided by the members' verdicts, never by a deadline.
        SigningHarness h = new SigningHarness(n, t, 10_000, verifiersOf);
        h.drive(i -> i != 1);
        return new HarnessSigning(h, new BoardGroupSigning(h.member(1), Duration.ofMillis(25)));
    }
}
