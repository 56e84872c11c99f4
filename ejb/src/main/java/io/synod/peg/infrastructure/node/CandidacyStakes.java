package io.synod.peg.infrastructure.node;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.Txid;
import io.synod.membership.application.StakeVerifier;
import io.synod.membership.domain.Candidacy;
import io.synod.membership.domain.MembershipRegistry;
import io.synod.shared.domain.Outpoint;

/**
 * Stakes that candidates paid to the group's address and the registry holds in open candidacies: not the group's
 * until an epoch names them (a stake below the minimum never will be), so the invariant figures leave them out as
 * the books do, and no payout may spend them (the candidate's admission would fail on a spent stake, its coins lost
 * in the group's change). Only a candidate's own payment counts: an open candidacy naming a coin the group itself
 * made (its transaction spends with the group key as a witness item: a sweep's output, a payout's change) is a
 * refused or hostile candidacy, and honouring it would let anyone freeze the group's coins or hide them from the
 * figures by registering one. Every member derives the same set from the registry and the chain.
 */
public final class CandidacyStakes {

    private final MembershipRegistry registry;
    private final BitcoinRpcClient bitcoin;
    private final String groupKeyHex;
    private final Map<Outpoint, Boolean> groupMade = new ConcurrentHashMap<>();

    public CandidacyStakes(MembershipRegistry registry, BitcoinRpcClient bitcoin, byte[] compressedGroupKey) {
        this.registry = registry;
        this.bitcoin = bitcoin;
        this.groupKeyHex = HexFormat.of().formatHex(compressedGroupKey);
    }

    /** The open candidacies' stakes that candidates paid themselves, in chain notation ({@code txid:vout}). */
    public Set<String> pending() {
        Set<String> out = new HashSet<>();
        for (Candidacy c : registry.openCandidacies()) {
            Outpoint o = c.stake();
            if (!groupMade.computeIfAbsent(o, this::madeByGroup)) {
                out.add(RegistryStakes.chain(o).toString());
            }
        }
        return out;
    }

    /** Whether the outpoint's transaction spends with the group key (unknown to the node: not a payment to count). */
    private boolean madeByGroup(Outpoint o) {
        return bitcoin.getRawTransactionVerbose(new Txid(o.displayTxid()))
                .map(tx -> StakeVerifier.groupSignedInput(tx, groupKeyHex).isPresent()).orElse(true);
    }
}
