package io.synod.web.rest.v1;

import io.synod.platform.application.IdentityProof;
import io.synod.shared.domain.Hex;

/** Wire form of an identity proof; r and s are 32-byte big-endian hex. */
public record IdentityProofDto(String identityKey, String digest, String r, String s, int recoveryId) {

    static IdentityProofDto from(IdentityProof p) {
        return new IdentityProofDto(p.identityKey().hex(), Hex.encode(p.digest()), fixed32(p.r()), fixed32(p.s()),
                p.recoveryId());
    }

    private static String fixed32(java.math.BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return Hex.encode(out);
    }
}
