package io.synod.membership.domain;

import java.util.List;

/** Where refused stakes are kept for operators (persisted in production, in memory for tests and devnets). */
public interface StakeRefusals {
    void record(StakeRefusal refusal);

    /** Every refusal, oldest first. */
    List<StakeRefusal> list();
}
