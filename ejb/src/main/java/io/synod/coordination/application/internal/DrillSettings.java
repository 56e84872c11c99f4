package io.synod.coordination.application.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import io.synod.chain.bitcoin.BitcoinNetwork;
import io.synod.coordination.application.reshare.ReshareCoordinator;
import io.synod.coordination.application.reshare.ReshareDrill;
import io.synod.coordination.application.signing.SigningCoordinator;
import io.synod.coordination.application.signing.SigningDrill;

/**
 * The misbehaviour drills (docs/operations.md): {@code synod.drill.fault=bad-partial-signature} makes this node post
 * wrong partial signatures, {@code synod.drill.fault=bad-reshare-share} makes it deal one recipient a sub-share
 * that contradicts its commitments in its next resharing, {@code synod.drill.fault=bad-reshare-constant} makes it
 * reshare a wrong secret (consistently committed, so only the public constant check shows it), so operators can watch the group identify, exclude and
 * confiscate a culprit. Off unless set; refused (the node does not start signing or resharing) on any network but
 * regtest; logged at SEVERE on every start.
 */
record DrillSettings(Optional<String> fault) {
    static final String PROPERTY = "synod.drill.fault";
    static final String BAD_PARTIAL = "bad-partial-signature";
    static final String BAD_RESHARE_SHARE = "bad-reshare-share";
    static final String BAD_RESHARE_CONSTANT = "bad-reshare-constant";
    private static final Set<String> KNOWN = Set.of(BAD_PARTIAL, BAD_RESHARE_SHARE, BAD_RESHARE_CONSTANT);
    private static final Logger LOG = Logger.getLogger(DrillSettings.class.getName());

    static DrillSettings fromSystemProperties(BitcoinNetwork network) {
        return of(System.getProperty(PROPERTY), network);
    }

    static DrillSettings of(String value, BitcoinNetwork network) {
        Optional<String> f = Optional.ofNullable(value).map(String::strip)
                .map(x -> x.toLowerCase(Locale.ROOT)).filter(x -> !x.isEmpty() && !x.equals("none"));
        if (f.isPresent()) {
            if (!network.equals(BitcoinNetwork.BCOIN_REGTEST) && !network.equals(BitcoinNetwork.CORE_REGTEST)) {
                throw new IllegalStateException(PROPERTY + "=" + f.get() + " is a drill and is refused on "
                        + network + ": drills run on regtest only");
            }
            if (!KNOWN.contains(f.get())) {
                throw new IllegalStateException("unknown " + PROPERTY + " " + f.get() + " (known: " + BAD_PARTIAL
                        + ", " + BAD_RESHARE_SHARE + ", " + BAD_RESHARE_CONSTANT + ")");
            }
        }
        return new DrillSettings(f);
    }

    boolean is(String drill) {
        return fault.filter(drill::equals).isPresent();
    }

    void arm(SigningCoordinator c) {
        if (is(BAD_PARTIAL)) {
            announce("posts WRONG PARTIAL SIGNATURES");
            SigningDrill.badPartialSignatures(c);
        }
    }

    /** Arms a resharing in which this node deals (a receiver-only part has nothing to corrupt). */
    void arm(ReshareCoordinator c) {
        if (is(BAD_RESHARE_SHARE) && c.session().isDealer(c.self())) {
            announce("deals member " + ReshareDrill.victimOf(c.session(), c.self())
                    + " a WRONG SUB-SHARE in resharing " + c.session().id());
            ReshareDrill.badShareToOneRecipient(c);
        } else if (is(BAD_RESHARE_CONSTANT) && c.session().isDealer(c.self())) {
            announce("reshares a WRONG SECRET (its share + 1, consistently committed) in resharing " + c.session().id());
            ReshareDrill.wrongConstant(c);
        }
    }

    /** Said once when the node starts, before any resharing: the operator sees the drill is set. */
    void announceResharing() {
        if (is(BAD_RESHARE_SHARE)) {
            announce("deals a WRONG SUB-SHARE to one recipient in each resharing it deals in");
        } else if (is(BAD_RESHARE_CONSTANT)) {
            announce("reshares a WRONG SECRET in each resharing it deals in");
        }
    }

    private void announce(String what) {
        LOG.severe("!!! MISBEHAVIOUR DRILL ARMED (" + PROPERTY + "=" + fault.orElseThrow() + "): this member " + what
                + " on purpose; the group will convict it, exclude it and confiscate its stake. Regtest only. Unset "
                + PROPERTY + " and restart to end the drill. !!!");
    }
}
