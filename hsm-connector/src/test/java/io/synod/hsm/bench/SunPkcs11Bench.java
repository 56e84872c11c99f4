package io.synod.hsm.bench;

import io.synod.hsm.support.SoftHsm;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The other binding, for the choice of one: the JDK's SunPKCS11 provider on the same SoftHSM2 token, doing what
 * HsmBench's "direct" column does with ipkcs11wrapper (AES-256-GCM seal and unseal of 32 bytes with associated data,
 * raw ECDSA on secp256k1). Runs in its own JVM because both bindings cannot initialise one library in one process:
 * {@code mvn -q -f hsm-connector/pom.xml test-compile exec:exec -Dbench.main=io.synod.hsm.bench.SunPkcs11Bench}
 */
public final class SunPkcs11Bench {
    private static final SecureRandom RANDOM = new SecureRandom();

    private interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "2"));
        SoftHsm hsm = SoftHsm.get();
        String config = "--name=synodbench\nlibrary=" + hsm.library() + "\nslot=" + slotOf(SoftHsm.TOKEN) + "\n";
        Provider p = Security.getProvider("SunPKCS11").configure(config);
        KeyStore ks = KeyStore.getInstance("PKCS11", p);
        ks.load(null, System.getenv(SoftHsm.PIN_ENV).toCharArray());

        KeyGenerator kg = KeyGenerator.getInstance("AES", p);
        kg.init(256);
        SecretKey aes = kg.generateKey();
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", p);
        kpg.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPair ec = kpg.generateKeyPair();

        byte[] ad = "synod/seal/v1 benchmark associated data of similar length".getBytes(StandardCharsets.US_ASCII);
        byte[] share = new byte[32];
        RANDOM.nextBytes(share);
        byte[] fixedNonce = new byte[12];
        RANDOM.nextBytes(fixedNonce);
        Cipher enc = Cipher.getInstance("AES/GCM/NoPadding", p);
        enc.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, fixedNonce));
        enc.updateAAD(ad);
        byte[] ct = enc.doFinal(share);
        Cipher sealer = Cipher.getInstance("AES/GCM/NoPadding", p);
        Cipher opener = Cipher.getInstance("AES/GCM/NoPadding", p);
        Signature signer = Signature.getInstance("NONEwithECDSA", p);
        signer.initSign(ec.getPrivate());
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);

        Op seal = () -> {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            sealer.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
            sealer.updateAAD(ad);
            sealer.doFinal(share);
        };
        Op unseal = () -> {
            opener.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, fixedNonce));
            opener.updateAAD(ad);
            opener.doFinal(ct);
        };
        Op sign = () -> {
            signer.update(digest);
            signer.sign();
        };
        for (Op op : new Op[] {seal, unseal, sign}) {
            measure(op, 1.0);
        }
        System.out.printf(Locale.ROOT, "%nSunPKCS11 on SoftHSM2 (%s), one thread, %.1f s each%n", hsm.library(),
                seconds);
        System.out.printf(Locale.ROOT, "%-16s %10s %10s%n", "operation", "wall/s", "cpu/s");
        print("seal/sunpkcs11", measure(seal, seconds));
        print("unseal/sunpkcs11", measure(unseal, seconds));
        print("sign/sunpkcs11", measure(sign, seconds));
    }

    private static void print(String name, double[] r) {
        System.out.printf(Locale.ROOT, "%-16s %10.0f %10.0f%n", name, r[0], r[1]);
    }

    private static double[] measure(Op op, double seconds) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long w0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        long n = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                op.run();
            }
            n += 100;
        }
        long wall = System.nanoTime() - w0;
        long cpu = threads.getCurrentThreadCpuTime() - c0;
        return new double[] {n / (wall / 1e9), n / (cpu / 1e9)};
    }

    /** SunPKCS11 selects tokens by slot id only; SoftHSM's ids are random, so ask softhsm2-util by label. */
    private static long slotOf(String label) throws Exception {
        Process proc = new ProcessBuilder("softhsm2-util", "--show-slots").redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        proc.waitFor();
        Matcher m = Pattern.compile("Slot (\\d+)\\s.*?Label:\\s+(\\S+)", Pattern.DOTALL).matcher(out);
        while (m.find()) {
            if (m.group(2).equals(label)) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new IllegalStateException("no slot with token " + label + " in:\n" + out);
    }
}
