package io.synod.membership.domain;

import java.util.List;

/**
 * Where refused stakes are kept for operators. One refusal per candidate and outpoint: the first decision stands
 * (a stake refused as unconfirmed and offered again is judged again, but not recorded twice).
 */
public interface StakeRefusals {
    /** Records the refusal; false (nothing written) when this candidate's outpoint was already refused. */
    boolean record(StakeRefusal refusal);

    /** Every refusal, oldest first. */
    List<StakeRefusal> list();
}
