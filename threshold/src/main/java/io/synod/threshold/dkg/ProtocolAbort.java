package io.synod.threshold.dkg;

import java.util.List;

import io.synod.threshold.CulpritException;

/** A protocol round could not complete; names the culprits (member indices) and the reason. */
public final class ProtocolAbort extends CulpritException {
    public ProtocolAbort(String reason, List<Integer> culprits) {
        super(reason, culprits);
    }
}
