package io.synod.hsm.bench;

import io.synod.hsm.api.HsmConnection;
import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareSecret;
import io.synod.hsm.pkcs11.PinReference;
import io.synod.hsm.pkcs11.Pkcs11Session;
import io.synod.hsm.pkcs11.Pkcs11Token;
import io.synod.hsm.pkcs11.TokenSettings;
import io.synod.hsm.support.Fixtures;
import io.synod.hsm.support.SoftHsm;
import io.synod.hsm.support.TestPool;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.params.GCM_PARAMS;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

/**
 * Seal, unseal and sign per second through the resource adapter against direct ipkcs11wrapper calls on the same
 * token, in the same run, interleaved so that machine noise hits both sides alike. Not a test: prints figures.
 * <p>
 * Run: {@code mvn -q -f hsm-connector/pom.xml test-compile exec:exec} (seconds per measurement:
 * {@code -Dbench.seconds=2}, rounds: {@code -Dbench.rounds=3}).
 * <p>
 * "adapter" takes a connection from the pool for every operation, as an EJB method does, so the figure includes the
 * pool, the handle, the typed-error plumbing, the AD encoding and, for sign, low-S normalisation, self-verification
 * and the recovery id. "direct+post" is the direct call plus that same secp256k1 post-processing, isolating what the
 * adapter's own machinery costs.
 */
public final class HsmBench {
    private static final SecureRandom RANDOM = new SecureRandom();

    private interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "2"));
        int rounds = Integer.getInteger("bench.rounds", 3);
        SoftHsm hsm = SoftHsm.get();
        // as WildFly's pool by default: no validation on borrow (dead sessions are reported by connection errors)
        TestPool pool = new TestPool(2, 10_000, false);
        HsmConnectionFactory cf = Fixtures.pooledFactory(pool);
        Pkcs11Token token = Pkcs11Token.open(new TokenSettings(hsm.library(), SoftHsm.TOKEN,
                PinReference.parse("env:" + SoftHsm.PIN_ENV), "synod"));
        try (Pkcs11Session direct = token.openSession()) {
            Session raw = direct.rawSession();
            long sealKey = findOne(raw, CKO_SECRET_KEY, "synod-seal");
            long identity = findOne(raw, CKO_PRIVATE_KEY, "synod-identity");
            SealContext ctx = Fixtures.context();
            byte[] ad = ctx.associatedData();
            byte[] share = new byte[32];
            RANDOM.nextBytes(share);
            byte[] digest = Fixtures.sha256(share);
            byte[] fixedNonce = new byte[12];
            RANDOM.nextBytes(fixedNonce);
            byte[] directCt = raw.encryptSingle(gcm(fixedNonce, ad), sealKey, share);
            SealedShare sealed;
            try (HsmConnection c = cf.getConnection()) {
                sealed = c.seal(ctx, ShareSecret.copyOf(share));
            }

            Map<String, Op> ops = new LinkedHashMap<>();
            ops.put("seal/direct", () -> {
                byte[] nonce = new byte[12];
                RANDOM.nextBytes(nonce);
                raw.encryptSingle(gcm(nonce, ad), sealKey, share);
            });
            ops.put("seal/adapter", () -> {
                try (HsmConnection c = cf.getConnection()) {
                    c.seal(ctx, ShareSecret.copyOf(share));
                }
            });
            ops.put("unseal/direct", () -> raw.decryptSingle(gcm(fixedNonce, ad), sealKey, directCt));
            ops.put("unseal/adapter", () -> {
                try (HsmConnection c = cf.getConnection()) {
                    c.withUnsealed(ctx, sealed, s -> s.length());
                }
            });
            // WildFly turns validate-on-match on for a validating factory unless told otherwise: one C_GetSessionInfo
            // per borrow
            TestPool validatingPool = new TestPool(2, 10_000, true);
            HsmConnectionFactory validating = Fixtures.pooledFactory(validatingPool);
            ops.put("sign/adapter+validate", () -> {
                try (HsmConnection c = validating.getConnection()) {
                    c.signDigest(digest);
                }
            });
            ops.put("unseal/adapter+validate", () -> {
                try (HsmConnection c = validating.getConnection()) {
                    c.withUnsealed(ctx, sealed, s -> s.length());
                }
            });
            HsmConnection held = cf.getConnection();
            ops.put("seal/held", () -> held.seal(ctx, ShareSecret.copyOf(share)));
            ops.put("unseal/held", () -> held.withUnsealed(ctx, sealed, s -> s.length()));
            ops.put("sign/direct", () -> raw.signSingle(new Mechanism(CKM_ECDSA), identity, digest));
            ops.put("sign/direct+post", () -> direct.signDigest(digest));
            ops.put("sign/adapter", () -> {
                try (HsmConnection c = cf.getConnection()) {
                    c.signDigest(digest);
                }
            });

            for (Op op : ops.values()) { // warm-up
                run(op, 2_000);
            }
            String[][] pairs = {
                    {"seal/direct", "seal/adapter"}, {"unseal/direct", "unseal/adapter"},
                    {"seal/direct", "seal/held"}, {"unseal/direct", "unseal/held"},
                    {"unseal/direct", "unseal/adapter+validate"},
                    {"sign/direct", "sign/adapter"}, {"sign/direct+post", "sign/adapter"},
                    {"sign/direct+post", "sign/adapter+validate"}};
            System.out.printf(Locale.ROOT, "%nSynod HSM bench: SoftHSM2 %s, one thread, 32-byte shares, each pair "
                    + "interleaved in batches for %.1f s x %d rounds (median round)%n", hsm.library(), seconds, rounds);
            System.out.printf(Locale.ROOT, "%-17s %-23s %9s %9s %9s %9s %10s %10s%n", "baseline", "through",
                    "wall/s", "wall/s", "cpu/s", "cpu/s", "overhead", "overhead");
            System.out.printf(Locale.ROOT, "%-17s %-23s %9s %9s %9s %9s %10s %10s%n", "", "",
                    "baseline", "through", "baseline", "through", "(wall)", "(cpu)");
            for (String[] pair : pairs) {
                List<double[]> perRound = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    perRound.add(interleave(ops.get(pair[0]), ops.get(pair[1]), seconds));
                }
                perRound.sort((a, b) -> Double.compare(a[3] / a[2], b[3] / b[2]));
                double[] m = perRound.get(perRound.size() / 2);
                double wallOverhead = (m[0] / m[1] - 1) * 100;
                double cpuOverhead = (m[2] / m[3] - 1) * 100;
                System.out.printf(Locale.ROOT, "%-17s %-23s %9.0f %9.0f %9.0f %9.0f %+9.1f%% %+9.1f%%%n", pair[0],
                        pair[1], m[0], m[1], m[2], m[3], wallOverhead, cpuOverhead);
            }
            System.out.println("overhead = extra time per operation through the adapter; cpu/s counts this thread's "
                    + "CPU time (SoftHSM runs in-process), which other load on the machine barely disturbs.");
            held.close();
            validatingPool.shutdown();
            compareWithSunPkcs11(raw, seconds);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The same session-key operations SunPkcs11Bench runs, through ipkcs11wrapper: the figures to put beside its
     * output when choosing the binding (token-object keys cost SoftHSM extra file checks, so both use session keys).
     */
    private static void compareWithSunPkcs11(Session raw, double seconds) throws Exception {
        long aes = raw.generateKey(new Mechanism(CKM_AES_KEY_GEN), AttributeVector.newSecretKey(CKK_AES).valueLen(32)
                .token(false).sensitive(true).extractable(false).encrypt(true).decrypt(true));
        AttributeVector pub = AttributeVector.newECPublicKey().ecParams(new byte[] {0x06, 0x05, 0x2b, (byte) 0x81,
                0x04, 0x00, 0x0a}).token(false).verify(true);
        AttributeVector priv = AttributeVector.newECPrivateKey().token(false).sensitive(true).sign(true);
        long ec = raw.generateKeyPair(new Mechanism(CKM_EC_KEY_PAIR_GEN),
                new org.xipki.pkcs11.wrapper.KeyPairTemplate(priv, pub)).getPrivateKey();
        byte[] ad = "synod/seal/v1 benchmark associated data of similar length".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        byte[] share = new byte[32];
        RANDOM.nextBytes(share);
        byte[] fixedNonce = new byte[12];
        RANDOM.nextBytes(fixedNonce);
        byte[] ct = raw.encryptSingle(gcm(fixedNonce, ad), aes, share);
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        Op seal = () -> {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            raw.encryptSingle(gcm(nonce, ad), aes, share);
        };
        Op unseal = () -> raw.decryptSingle(gcm(fixedNonce, ad), aes, ct);
        Op sign = () -> raw.signSingle(new Mechanism(CKM_ECDSA), ec, digest);
        for (Op op : new Op[] {seal, unseal, sign}) {
            run(op, 2_000);
        }
        System.out.printf(Locale.ROOT, "%nipkcs11wrapper with session keys (compare with SunPkcs11Bench), %.1f s each%n",
                seconds);
        System.out.printf(Locale.ROOT, "%-16s %10s %10s%n", "operation", "wall/s", "cpu/s");
        String[] names = {"seal/ipkcs11", "unseal/ipkcs11", "sign/ipkcs11"};
        Op[] each = {seal, unseal, sign};
        for (int i = 0; i < 3; i++) {
            double[] r = interleave(each[i], each[i], seconds);
            System.out.printf(Locale.ROOT, "%-16s %10.0f %10.0f%n", names[i], (r[0] + r[1]) / 2, (r[2] + r[3]) / 2);
        }
        raw.destroyObject(aes);
    }

    private static long findOne(Session s, long objectClass, String label) throws Exception {
        long[] found = s.findObjectsSingle(new AttributeVector().class_(objectClass).label(label), 2);
        if (found.length != 1) {
            throw new IllegalStateException("expected one object labelled " + label);
        }
        return found[0];
    }

    private static Mechanism gcm(byte[] nonce, byte[] ad) {
        return new Mechanism(CKM_AES_GCM, new GCM_PARAMS(nonce, ad, 128));
    }

    private static void run(Op op, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            op.run();
        }
    }

    /**
     * Alternates batches of the two operations until the time is up; returns {wall ops/s a, wall ops/s b,
     * cpu ops/s a, cpu ops/s b}.
     */
    private static double[] interleave(Op a, Op b, double seconds) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[2];
        long[] cpu = new long[2];
        long[] count = new long[2];
        Op[] both = {a, b};
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int batch = 100;
        while (System.nanoTime() < end) {
            for (int side = 0; side < 2; side++) {
                long w0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                run(both[side], batch);
                cpu[side] += threads.getCurrentThreadCpuTime() - c0;
                wall[side] += System.nanoTime() - w0;
                count[side] += batch;
            }
        }
        return new double[] {count[0] / (wall[0] / 1e9), count[1] / (wall[1] / 1e9), count[0] / (cpu[0] / 1e9),
                count[1] / (cpu[1] / 1e9)};
    }
}
