package io.synod.hsm.pkcs11;

import org.bouncycastle.math.ec.ECPoint;

/**
 * Handles of the member's token objects (valid in every session of this process) and the public points, read
 * once at login so that each operation costs one PKCS#11 call.
 */
record KeyHandles(long identityPrivate, ECPoint identityPublic, long transportPrivate, ECPoint transportPublic,
                  long sealKey) {
}
