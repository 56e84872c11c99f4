package io.synod.hsm.pkcs11;

import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.MemberKeys;
import io.synod.hsm.api.Readiness;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenException;
import org.xipki.pkcs11.wrapper.TokenInfo;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

/**
 * One token found by label, logged in once for the process. PKCS#11 login state belongs to the application, not to
 * a session, and ends when the application's last session closes: an anchor session stays open to hold it, so the
 * pooled sessions can come and go.
 */
public final class Pkcs11Token {
    private static final Logger LOG = Logger.getLogger(Pkcs11Token.class.getName());
    private static final Map<String, Pkcs11Token> OPEN = new ConcurrentHashMap<>();
    /** Logins that failed on a PIN: never retried automatically, so a probe cannot lock the token. */
    private static final Map<String, HsmException> REFUSED = new ConcurrentHashMap<>();
    /** Keyed fingerprints (never the PIN) of the PIN each token was logged in with, by library and label. */
    private static final Map<String, byte[]> VERIFIED_PINS = new ConcurrentHashMap<>();

    private final TokenSettings settings;
    private final PKCS11Module module;
    private final Token token;
    private Session anchor;
    private volatile KeyHandles keys;

    private Pkcs11Token(TokenSettings settings, PKCS11Module module, Token token) {
        this.settings = settings;
        this.module = module;
        this.token = token;
    }

    /**
     * Opens (or reuses) the token: loads the library, finds the token by label, checks its PIN state and logs in.
     * Each failure names the setting to change.
     */
    public static Pkcs11Token open(TokenSettings settings) {
        if (!OPEN.containsKey(settings.key())) {
            // report in the order an operator fixes things: library, then token, then PIN
            findToken(Pkcs11Modules.load(settings.libraryPath()), settings);
        }
        byte[] fingerprint;
        try (Pin pin = settings.pin().resolve()) {
            fingerprint = PinFingerprint.of(pin.chars());
        }
        String refusalKey = settings.key() + "|" + HexFormat.of().formatHex(fingerprint);
        HsmException refused = REFUSED.get(refusalKey);
        if (refused != null) {
            throw new HsmException(refused.failure(), refused.getMessage()
                    + " (not retried automatically so as not to lock the token: fix it and restart the adapter)");
        }
        Pkcs11Token existing = OPEN.get(settings.key());
        if (existing != null) {
            existing.checkSamePin(fingerprint);
            existing.ensureLoggedIn();
            return existing;
        }
        synchronized (Pkcs11Token.class) {
            existing = OPEN.get(settings.key());
            if (existing != null) {
                existing.checkSamePin(fingerprint);
                return existing;
            }
            PKCS11Module module = Pkcs11Modules.load(settings.libraryPath());
            Pkcs11Token opened = new Pkcs11Token(settings, module, findToken(module, settings));
            try {
                opened.checkSamePin(fingerprint);
                opened.login();
            } catch (HsmException e) {
                if (e.failure() == HsmFailure.PIN_INCORRECT || e.failure() == HsmFailure.PIN_LOCKED) {
                    REFUSED.put(refusalKey, e);
                }
                throw e;
            }
            VERIFIED_PINS.putIfAbsent(opened.tokenKey(), fingerprint);
            opened.keys = opened.lookUpKeys();
            OPEN.put(settings.key(), opened);
            LOG.info(() -> "HSM token '" + settings.tokenLabel() + "' opened through " + settings.libraryPath()
                    + " (PIN from " + settings.pin().describe() + ")");
            return opened;
        }
    }

    /**
     * PKCS#11 login belongs to the whole process: once any factory logged in to a token, another login is answered
     * "already logged in" whatever the PIN. So a second factory's PIN is compared with the one that logged in.
     */
    private void checkSamePin(byte[] fingerprint) {
        byte[] verified = VERIFIED_PINS.get(tokenKey());
        if (verified != null && !MessageDigest.isEqual(verified, fingerprint)) {
            throw new HsmException(HsmFailure.PIN_INCORRECT, "token '" + settings.tokenLabel() + "' is logged in "
                    + "with another PIN than the one " + PinReference.SETTING + " (" + settings.pin().describe()
                    + ") resolves to: correct the secret it points to");
        }
    }

    private String tokenKey() {
        return settings.libraryPath() + "|" + settings.tokenLabel();
    }

    /** Forgets every opened token and refused login, and finalises the libraries (resource adapter stop). */
    public static synchronized void closeAll() {
        for (Pkcs11Token t : OPEN.values()) {
            t.closeAnchor();
        }
        OPEN.clear();
        REFUSED.clear();
        VERIFIED_PINS.clear();
        Pkcs11Modules.finalizeAll();
    }

    /** Readiness without throwing: token reachable, logged in, member keys present. */
    public static Readiness probe(TokenSettings settings) {
        try {
            Pkcs11Token t = open(settings);
            t.ensureLoggedIn();
            t.keys();
            return Readiness.up("token '" + settings.tokenLabel() + "' logged in, member keys present");
        } catch (HsmException e) {
            return Readiness.down(e);
        }
    }

    private static Token findToken(PKCS11Module module, TokenSettings settings) {
        List<String> seen = new ArrayList<>();
        try {
            for (Slot slot : module.getSlotList(true)) {
                Token candidate = slot.getToken();
                TokenInfo info = candidate.getTokenInfo();
                String label = info.getLabel() == null ? "" : info.getLabel().trim();
                if (!label.equals(settings.tokenLabel())) {
                    if (!label.isEmpty()) {
                        seen.add(label);
                    }
                    continue;
                }
                if (info.hasFlagBit(CKF_USER_PIN_LOCKED)) {
                    throw Pkcs11Errors.pinLocked("opening token '" + label + "'");
                }
                if (!info.hasFlagBit(CKF_USER_PIN_INITIALIZED)) {
                    throw new HsmException(HsmFailure.TOKEN_NOT_INITIALISED, "token '" + label
                            + "' has no user PIN: initialise it first (key ceremony, docs/operations.md)");
                }
                return candidate;
            }
        } catch (TokenException e) {
            throw Pkcs11Errors.translate("listing the slots of " + settings.libraryPath(), e);
        }
        throw new HsmException(HsmFailure.TOKEN_NOT_FOUND, "no token labelled '" + settings.tokenLabel()
                + "' in " + settings.libraryPath() + " (tokens present: " + (seen.isEmpty() ? "none" : seen)
                + "): set TokenLabel to the label given at token initialisation, or check the HSM client "
                + "configuration (for SoftHSM2: SOFTHSM2_CONF)");
    }

    private synchronized void login() {
        try (Pin pin = settings.pin().resolve()) {
            anchor = token.openSession(false);
            try {
                anchor.login(CKU_USER, pin.chars());
            } catch (PKCS11Exception e) {
                if (e.getErrorCode() != CKR_USER_ALREADY_LOGGED_IN) {
                    closeAnchor();
                    throw Pkcs11Errors.translate("logging in to token '" + settings.tokenLabel() + "'", e);
                }
            }
        } catch (TokenException e) {
            throw Pkcs11Errors.translate("opening a session on token '" + settings.tokenLabel() + "'", e);
        }
    }

    /** Logs in again if the anchor session died (token removed and reinserted, sessions closed by another thread). */
    synchronized void ensureLoggedIn() {
        try {
            long state = anchor == null ? -1 : anchor.getSessionInfo().getState();
            if (state == CKS_RO_USER_FUNCTIONS || state == CKS_RW_USER_FUNCTIONS) {
                return;
            }
        } catch (TokenException lost) {
            // fall through: log in again
        }
        LOG.warning(() -> "HSM token '" + settings.tokenLabel() + "' lost its login; logging in again");
        closeAnchor();
        login();
    }

    private synchronized void closeAnchor() {
        if (anchor != null) {
            try {
                anchor.closeSession();
            } catch (TokenException ignored) {
                // already gone
            }
            anchor = null;
        }
    }

    /** A new read-write session for one managed connection. */
    public Pkcs11Session openSession() {
        try {
            return new Pkcs11Session(this, token.openSession(true));
        } catch (TokenException e) {
            throw Pkcs11Errors.translate("opening a session on token '" + settings.tokenLabel() + "'", e);
        }
    }

    TokenSettings settings() {
        return settings;
    }

    PKCS11Module module() {
        return module;
    }

    KeyHandles keys() {
        KeyHandles k = keys;
        if (k == null) {
            k = lookUpKeys();
            keys = k;
        }
        if (k == null) {
            throw new HsmException(HsmFailure.KEY_MISSING, "token '" + settings.tokenLabel() + "' holds no member keys "
                    + "labelled '" + settings.keyLabelPrefix() + "-*': run the key ceremony (docs/operations.md) or "
                    + "correct KeyLabelPrefix");
        }
        return k;
    }

    MemberKeys memberKeys() {
        KeyHandles k = keys();
        return new MemberKeys(Secp256k1.toPublicKey(k.identityPublic()), Secp256k1.toPublicKey(k.transportPublic()));
    }

    void keysChanged() {
        keys = lookUpKeys();
    }

    /** Null when any of the member's keys is missing. */
    private KeyHandles lookUpKeys() {
        Session s = null;
        try {
            s = token.openSession(false);
            Long identity = find(s, CKO_PRIVATE_KEY, settings.identityLabel());
            Long identityPub = find(s, CKO_PUBLIC_KEY, settings.identityLabel());
            Long transport = find(s, CKO_PRIVATE_KEY, settings.transportLabel());
            Long transportPub = find(s, CKO_PUBLIC_KEY, settings.transportLabel());
            Long seal = find(s, CKO_SECRET_KEY, settings.sealLabel());
            if (identity == null || identityPub == null || transport == null || transportPub == null || seal == null) {
                return null;
            }
            return new KeyHandles(identity, point(s, identityPub), transport, point(s, transportPub), seal);
        } catch (TokenException e) {
            throw Pkcs11Errors.translate("looking up the member keys", e);
        } finally {
            if (s != null) {
                try {
                    s.closeSession();
                } catch (TokenException ignored) {
                    // nothing to do
                }
            }
        }
    }

    static Long find(Session s, long objectClass, String label) throws TokenException {
        long[] found = s.findObjectsSingle(new AttributeVector().class_(objectClass).label(label), 2);
        if (found.length > 1) {
            throw new HsmException(HsmFailure.CONFIGURATION, "token holds more than one object labelled '" + label
                    + "' of class " + objectClass + ": remove the duplicate or choose another KeyLabelPrefix");
        }
        return found.length == 0 ? null : found[0];
    }

    static org.bouncycastle.math.ec.ECPoint point(Session s, long publicKey) throws TokenException {
        return Secp256k1.decodeTokenPoint(s.getAttrValues(publicKey, CKA_EC_POINT).ecPoint());
    }
}
