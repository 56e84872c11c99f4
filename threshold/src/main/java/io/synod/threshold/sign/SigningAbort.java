package io.synod.threshold.sign;

import java.util.List;

import io.synod.threshold.CulpritException;

/** No valid signature could be formed; names the signers whose partials failed the public check. */
public final class SigningAbort extends CulpritException {
    private final boolean productShares;

    public SigningAbort(String reason, List<Integer> culprits, boolean productShares) {
        super(reason, culprits);
        this.productShares = productShares;
    }

    /** True if the culprits sent invalid μ product shares (the presignature itself was bad). */
    public boolean productShares() {
        return productShares;
    }
}
