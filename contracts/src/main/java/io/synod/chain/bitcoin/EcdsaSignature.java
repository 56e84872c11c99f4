package io.synod.chain.bitcoin;

import java.math.BigInteger;
import org.bouncycastle.asn1.sec.SECNamedCurves;

/** An ECDSA signature (r, s) over secp256k1 as a signer returns it; {@link #lowS()} gives the canonical form. */
public record EcdsaSignature(BigInteger r, BigInteger s) {

    private static final BigInteger N = SECNamedCurves.getByName("secp256k1").getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    public EcdsaSignature {
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
            throw new IllegalArgumentException("r and s must be in [1, n-1]");
        }
    }

    /** (r, n - s) when s is above n/2: the same signature in the only form nodes relay (BIP 62 / BIP 146). */
    public EcdsaSignature lowS() {
        return s.compareTo(HALF_N) > 0 ? new EcdsaSignature(r, N.subtract(s)) : this;
    }

    public boolean isLowS() {
        return s.compareTo(HALF_N) <= 0;
    }
}
