package io.synod.it;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;

/** Fresh secp256k1 identity keys, so no two tests ever collide on a unique key. */
final class TestKeys {

    private static final X9ECParameters CURVE = SECNamedCurves.getByName("secp256k1");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    static String freshIdentityKeyHex() {
        BigInteger k = new BigInteger(256, RANDOM).mod(CURVE.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);
        return HexFormat.of().formatHex(CURVE.getG().multiply(k).getEncoded(true));
    }
}
