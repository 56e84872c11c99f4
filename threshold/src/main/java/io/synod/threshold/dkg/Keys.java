package io.synod.threshold.dkg;

import java.util.Map;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.math.SecretScalar;

/** A member's own ECIES decryption key and every member's registered encryption public key. */
public record Keys(int self, SecretScalar decryptionKey, Map<Integer, ECPoint> encryptionKeys) {
    public Keys {
        encryptionKeys = Map.copyOf(encryptionKeys);
    }

    public ECPoint encryptionKey(int member) {
        ECPoint k = encryptionKeys.get(member);
        if (k == null) {
            throw new io.synod.threshold.ThresholdException("no encryption key registered for member " + member);
        }
        return k;
    }

    @Override
    public String toString() {
        return "Keys[member " + self + ", decryption key redacted]";
    }
}
