package io.synod.hsm.pkcs11;

import io.synod.hsm.api.AddressedShare;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.MemberKeys;
import io.synod.hsm.api.RecoverableSignature;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareSecret;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.TokenException;
import org.xipki.pkcs11.wrapper.params.ECDH1_DERIVE_PARAMS;
import org.xipki.pkcs11.wrapper.params.GCM_PARAMS;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

/**
 * One PKCS#11 session and the member's operations on it. Used by one thread at a time (its managed connection).
 * Once a call reports {@link HsmFailure#SESSION_LOST} the session is {@link #broken()} and must be replaced.
 */
public final class Pkcs11Session implements AutoCloseable {
    private static final int GCM_TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pkcs11Token token;
    private final Session session;
    private volatile boolean broken;

    Pkcs11Session(Pkcs11Token token, Session session) {
        this.token = token;
        this.session = session;
    }

    public MemberKeys memberKeys() {
        return token.memberKeys();
    }

    public RecoverableSignature signDigest(byte[] digest) {
        if (digest == null || digest.length != 32) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "the identity key signs 32-byte digests only");
        }
        KeyHandles k = token.keys();
        byte[] raw = call("signing with the identity key",
                () -> session.signSingle(new Mechanism(CKM_ECDSA), k.identityPrivate(), digest));
        return Secp256k1.normalise(digest, raw, k.identityPublic());
    }

    public SealedShare seal(SealContext context, ShareSecret share) {
        long key = token.keys().sealKey();
        byte[] nonce = new byte[SealedShare.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        byte[] ad = context.associatedData();
        byte[] ct = call("sealing a share", () -> session.encryptSingle(gcm(nonce, ad), key, share.bytes()));
        return new SealedShare(nonce, ct);
    }

    /** The plaintext, owned by the caller, who must wipe it (the connection wraps it in a scope). */
    public byte[] unseal(SealContext context, SealedShare sealed) {
        long key = token.keys().sealKey();
        byte[] ad = context.associatedData();
        return callOpen("unsealing a share", () -> session.decryptSingle(gcm(sealed.nonce(), ad), key, sealed.ciphertext()));
    }

    /**
     * Derives the ECDH key with the transport key inside the token (as a session object that is sensitive and not
     * extractable), decrypts the addressed share with it, destroys it and reseals the share under the storage key.
     */
    public SealedShare acceptAddressed(SealContext context, AddressedShare share) {
        KeyHandles k = token.keys();
        byte[] peer = Secp256k1.uncompressed(share.ephemeralPublicKey());
        AttributeVector derived = AttributeVector.newSecretKey(CKK_AES).valueLen(32).token(false)
                .sensitive(true).extractable(false).decrypt(true).encrypt(false).wrap(false).unwrap(false);
        Mechanism ecdh = new Mechanism(CKM_ECDH1_DERIVE, new ECDH1_DERIVE_PARAMS(CKD_NULL, null, peer));
        long agreed = call("deriving the ECDH key of an addressed share",
                () -> session.deriveKey(ecdh, k.transportPrivate(), derived));
        byte[] plain = null;
        try {
            plain = callOpen("opening an addressed share", () -> session.decryptSingle(
                    gcm(share.nonce(), AddressedShare.associatedData(context)), agreed, share.ciphertext()));
            try (ShareSecret secret = ShareSecret.adopt(plain)) {
                return seal(context, secret);
            }
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
            try {
                session.destroyObject(agreed);
            } catch (TokenException ignored) {
                // a session object dies with its session anyway
            }
        }
    }

    /** Generates the member keys that are missing; token objects, private, sensitive, never extractable. */
    public MemberKeys provisionMemberKeys() {
        TokenSettings s = token.settings();
        synchronized (token) {
            call("generating the member keys", () -> {
                if (Pkcs11Token.find(session, CKO_PRIVATE_KEY, s.identityLabel()) == null) {
                    generateEcKey(s.identityLabel(), true);
                }
                if (Pkcs11Token.find(session, CKO_PRIVATE_KEY, s.transportLabel()) == null) {
                    generateEcKey(s.transportLabel(), false);
                }
                if (Pkcs11Token.find(session, CKO_SECRET_KEY, s.sealLabel()) == null) {
                    session.generateKey(new Mechanism(CKM_AES_KEY_GEN), AttributeVector.newSecretKey(CKK_AES)
                            .valueLen(32).label(s.sealLabel()).token(true).private_(true).sensitive(true)
                            .extractable(false).encrypt(true).decrypt(true).wrap(false).unwrap(false)
                            .derive(false).modifiable(false));
                }
                return null;
            });
            token.keysChanged();
        }
        return token.memberKeys();
    }

    private void generateEcKey(String label, boolean signing) throws TokenException {
        AttributeVector pub = AttributeVector.newECPublicKey().ecParams(Secp256k1.EC_PARAMS).label(label)
                .token(true).private_(false).verify(signing).derive(false);
        AttributeVector priv = AttributeVector.newECPrivateKey().label(label).token(true).private_(true)
                .sensitive(true).extractable(false).sign(signing).derive(!signing).decrypt(false)
                .unwrap(false).modifiable(false);
        session.generateKeyPair(new Mechanism(CKM_EC_KEY_PAIR_GEN), new KeyPairTemplate(priv, pub));
    }

    /**
     * Audit of the member's secret keys as the token reports them: for the key ceremony record and the tests.
     * Asks the token for each key's value, which a correctly created key refuses.
     */
    public List<KeyAudit> auditKeys() {
        KeyHandles k = token.keys();
        TokenSettings s = token.settings();
        List<KeyAudit> out = new ArrayList<>();
        out.add(audit(s.identityLabel(), k.identityPrivate()));
        out.add(audit(s.transportLabel(), k.transportPrivate()));
        out.add(audit(s.sealLabel(), k.sealKey()));
        return out;
    }

    private KeyAudit audit(String label, long handle) {
        AttributeVector a = call("reading key attributes",
                () -> session.getAttrValues(handle, CKA_EXTRACTABLE, CKA_SENSITIVE, CKA_NEVER_EXTRACTABLE));
        boolean valueReadable;
        try {
            byte[] value = session.getAttrValues(handle, CKA_VALUE).value();
            valueReadable = value != null && value.length > 0;
            if (value != null) {
                Arrays.fill(value, (byte) 0);
            }
        } catch (PKCS11Exception e) {
            valueReadable = e.getErrorCode() != CKR_ATTRIBUTE_SENSITIVE;
        } catch (TokenException e) {
            throw Pkcs11Errors.translate("reading key attributes", e);
        }
        return new KeyAudit(label, Boolean.TRUE.equals(a.extractable()), Boolean.TRUE.equals(a.sensitive()),
                Boolean.TRUE.equals(a.neverExtractable()), valueReadable);
    }

    /** Cheap liveness check used by pool validation: the session handle is still known to the token. */
    public boolean isAlive() {
        if (broken) {
            return false;
        }
        try {
            long state = session.getSessionInfo().getState();
            return state == CKS_RW_USER_FUNCTIONS || state == CKS_RO_USER_FUNCTIONS;
        } catch (TokenException e) {
            broken = true;
            return false;
        }
    }

    public boolean broken() {
        return broken;
    }

    /** The raw session handle, for diagnostics and the fault-injection tests. */
    public long handle() {
        return session.getSessionHandle();
    }

    /**
     * The session's own ipkcs11wrapper object: for the benchmark's direct-call baseline and fault injection in tests.
     * Not reachable from an application's connection handle.
     */
    public Session rawSession() {
        return session;
    }

    @Override
    public void close() {
        try {
            session.closeSession();
        } catch (TokenException ignored) {
            // already closed or invalid: nothing left to release
        }
    }

    private static Mechanism gcm(byte[] nonce, byte[] ad) {
        return new Mechanism(CKM_AES_GCM, new GCM_PARAMS(nonce, ad, GCM_TAG_BITS));
    }

    private interface TokenCall<T> {
        T run() throws TokenException;
    }

    /** An AEAD decryption: the token's tag-failure codes become AUTHENTICATION_FAILED. */
    private <T> T callOpen(String operation, TokenCall<T> op) {
        return call(operation, op, true);
    }

    private <T> T call(String operation, TokenCall<T> op) {
        return call(operation, op, false);
    }

    private <T> T call(String operation, TokenCall<T> op, boolean aeadOpen) {
        try {
            return op.run();
        } catch (TokenException e) {
            HsmException failure = aeadOpen ? Pkcs11Errors.translateOpen(operation, e)
                    : Pkcs11Errors.translate(operation, e);
            if (failure.failure() == HsmFailure.SESSION_LOST) {
                broken = true;
            }
            throw failure;
        }
    }
}
