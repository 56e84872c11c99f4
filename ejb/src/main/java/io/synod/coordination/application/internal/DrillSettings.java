package io.synod.coordination.application.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import io.synod.chain.bitcoin.BitcoinNetwork;
import io.synod.coordination.application.signing.SigningCoordinator;
import io.synod.coordination.application.signing.SigningDrill;

/**
 * The misbehaviour drill (docs/operations.md): {@code synod.drill.fault=bad-partial-signature} makes this node post
 * wrong partial signatures, so operators can watch the group identify, exclude and confiscate a culprit. Off unless
 * set; refused (the node does not start signing) on any network but regtest; logged at SEVERE on every start.
 */
record DrillSettings(Optional<String> fault) {
    static final String PROPERTY = "synod.drill.fault";
    static final String BAD_PARTIAL = "bad-partial-signature";
    private static final Logger LOG = Logger.getLogger(DrillSettings.class.getName());

    static DrillSettings fromSystemProperties(BitcoinNetwork network) {
        Optional<String> f = Optional.ofNullable(System.getProperty(PROPERTY)).map(String::strip)
                .map(x -> x.toLowerCase(Locale.ROOT)).filter(x -> !x.isEmpty() && !x.equals("none"));
        if (f.isPresent()) {
            if (!network.equals(BitcoinNetwork.BCOIN_REGTEST) && !network.equals(BitcoinNetwork.CORE_REGTEST)) {
                throw new IllegalStateException(PROPERTY + "=" + f.get() + " is a drill and is refused on "
                        + network + ": drills run on regtest only");
            }
            if (!f.get().equals(BAD_PARTIAL)) {
                throw new IllegalStateException("unknown " + PROPERTY + " " + f.get() + " (known: " + BAD_PARTIAL
                        + ")");
            }
        }
        return new DrillSettings(f);
    }

    void arm(SigningCoordinator c) {
        if (fault.isPresent()) {
            LOG.severe("!!! MISBEHAVIOUR DRILL ARMED (" + PROPERTY + "=" + fault.get() + "): this member posts WRONG"
                    + " PARTIAL SIGNATURES on purpose; the group will convict it, exclude it and confiscate its"
                    + " stake. Regtest only. Unset " + PROPERTY + " and restart to end the drill. !!!");
            SigningDrill.badPartialSignatures(c);
        }
    }
}
