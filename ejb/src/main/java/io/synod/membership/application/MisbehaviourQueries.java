package io.synod.membership.application;

import java.util.List;

import io.synod.membership.domain.Confiscation;
import io.synod.membership.domain.Conviction;
import io.synod.membership.domain.DeadlineTally;
import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.FalseAccusation;

/** Read side of this member's misbehaviour decisions, for operators and auditors. */
public interface MisbehaviourQueries {

    /** Everything this member decided about misbehaviour, each list oldest first. */
    record MisbehaviourView(List<Conviction> convictions, List<FalseAccusation> falseAccusations,
            List<Exclusion> exclusions, List<Confiscation> confiscations, List<DeadlineTally> missedDeadlines) {
        public MisbehaviourView {
            convictions = List.copyOf(convictions);
            falseAccusations = List.copyOf(falseAccusations);
            exclusions = List.copyOf(exclusions);
            confiscations = List.copyOf(confiscations);
            missedDeadlines = List.copyOf(missedDeadlines);
        }
    }

    MisbehaviourView misbehaviour();
}
