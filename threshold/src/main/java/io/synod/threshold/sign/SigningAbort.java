package io.synod.threshold.sign;

import java.util.List;

import io.synod.threshold.CulpritException;

/** No valid signature could be formed; names the signers whose partials failed the public check. */
public final class SigningAbort extends CulpritException {
    public SigningAbort(String reason, List<Integer> culprits) {
        super(reason, culprits);
    }
}
