package io.synod.membership.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.synod.membership.domain.Candidacy;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.membership.domain.MemberSet;
import io.synod.membership.domain.MembershipRegistry;

/**
 * The member set of a registry epoch with every member's keys: the permanent index from the registry, the identity
 * and ECIES keys from the founding set for a founder and from the registry's candidacy record for a member admitted
 * later (the registry keeps it after admission). Every member resolves it alike from public data.
 */
public final class RegistryMembers {
    private final MembershipRegistry registry;
    private final FoundingSet founders;

    public RegistryMembers(MembershipRegistry registry, FoundingSet founders) {
        this.registry = registry;
        this.founders = founders;
    }

    public MemberSet of(long epoch) {
        EpochRecord r = registry.epoch(epoch);
        List<FoundingMember> out = new ArrayList<>();
        for (String a : r.members()) {
            int index = registry.memberIndex(a);
            FoundingMember m = founders.byAddress(a).filter(f -> f.index() == index)
                    .or(() -> registry.candidacy(a).map(c -> c.asMember(index)))
                    .orElseThrow(() -> new IllegalStateException("no keys known for member " + a + " of epoch " + epoch));
            out.add(m);
        }
        return new MemberSet(out, r.threshold());
    }

    /** A member's (or former member's, or candidate's) identity key, x ‖ y. */
    public Optional<byte[]> identityKey(String address) {
        return founders.byAddress(address).map(FoundingMember::identityKey)
                .or(() -> registry.candidacy(address).map(Candidacy::identityKey));
    }
}
