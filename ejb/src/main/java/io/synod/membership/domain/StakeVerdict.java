package io.synod.membership.domain;

import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/** The outcome of checking a stake on Bitcoin. */
public sealed interface StakeVerdict {

    boolean accepted();

    /** The stake exists, is unspent, pays the group, is large enough and buried deep enough. */
    record Accepted(Outpoint stake, Satoshis value, int confirmations) implements StakeVerdict {
        @Override
        public boolean accepted() {
            return true;
        }
    }

    record Refused(StakeRefusal refusal) implements StakeVerdict {
        @Override
        public boolean accepted() {
            return false;
        }
    }
}
