package io.synod.membership.infrastructure.memory;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.HashSet;

import io.synod.membership.domain.Confiscation;
import io.synod.membership.domain.ConfiscationState;
import io.synod.membership.domain.Conviction;
import io.synod.membership.domain.DeadlineTally;
import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.FalseAccusation;
import io.synod.membership.domain.MembershipBook;
import io.synod.membership.domain.StakeRefusal;
import io.synod.shared.domain.SessionId;

/** The membership book in memory, keyed as the database is: the in-process harness and single-process devnets. */
public final class InMemoryMembershipBook implements MembershipBook {
    private final Map<String, StakeRefusal> refusals = new LinkedHashMap<>();
    private final Map<String, Conviction> convictions = new LinkedHashMap<>();
    private final Map<String, FalseAccusation> falseAccusations = new LinkedHashMap<>();
    private final Map<String, Exclusion> exclusions = new LinkedHashMap<>();
    private final Map<String, Confiscation> confiscations = new LinkedHashMap<>();
    private final Set<SessionId> tallied = new HashSet<>();
    private final Map<Integer, DeadlineTally> tallies = new TreeMap<>();

    @Override
    public synchronized boolean record(StakeRefusal r) {
        return refusals.putIfAbsent(r.candidate() + "/" + r.stake(), r) == null;
    }

    @Override
    public synchronized List<StakeRefusal> list() {
        return List.copyOf(refusals.values());
    }

    @Override
    public synchronized boolean convicted(Conviction c) {
        return convictions.putIfAbsent(c.culprit() + "/" + HexFormat.of().formatHex(c.evidenceHash()), c) == null;
    }

    @Override
    public synchronized boolean falselyAccused(FalseAccusation a) {
        return falseAccusations.putIfAbsent(a.accuser() + "/" + a.session() + "/" + a.accused(), a) == null;
    }

    @Override
    public synchronized List<Conviction> convictions() {
        return List.copyOf(convictions.values());
    }

    @Override
    public synchronized List<FalseAccusation> falseAccusations() {
        return List.copyOf(falseAccusations.values());
    }

    @Override
    public synchronized boolean exclude(Exclusion e) {
        return exclusions.putIfAbsent(e.member(), e) == null;
    }

    @Override
    public synchronized List<Exclusion> exclusions() {
        return List.copyOf(exclusions.values());
    }

    @Override
    public synchronized void confiscation(Confiscation c) {
        Confiscation known = confiscations.get(c.member());
        if (known == null ? c.state() != ConfiscationState.PENDING : !known.mayBecome(c)) {
            throw new IllegalStateException("confiscation of " + c.member() + " cannot go from "
                    + (known == null ? "nothing" : known.state()) + " to " + c.state());
        }
        confiscations.put(c.member(), c);
    }

    @Override
    public synchronized Optional<Confiscation> confiscationOf(String member) {
        return Optional.ofNullable(confiscations.get(member.toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public synchronized List<Confiscation> confiscations() {
        return List.copyOf(confiscations.values());
    }

    @Override
    public synchronized boolean tally(SessionId session, List<DeadlineTally> after) {
        if (!tallied.add(session)) {
            return false;
        }
        after.forEach(t -> tallies.put(t.index(), t));
        return true;
    }

    @Override
    public synchronized List<DeadlineTally> tallies() {
        return new ArrayList<>(tallies.values());
    }
}
