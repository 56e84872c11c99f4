package io.synod.hsm.ceremony;

import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.MemberKeys;
import io.synod.hsm.pkcs11.KeyAudit;
import io.synod.hsm.pkcs11.PinReference;
import io.synod.hsm.pkcs11.Pkcs11Session;
import io.synod.hsm.pkcs11.Pkcs11Token;
import io.synod.hsm.pkcs11.TokenSettings;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -cp synod-hsm-connector.jar:ipkcs11wrapper.jar:bcprov-jdk18on.jar io.synod.hsm.ceremony.KeyCeremony
 * --library /path/libvendor-pkcs11.so --token LABEL --pin env:SYNOD_HSM_PIN [--prefix synod]}
 * <p>
 * Idempotent: keys already present are kept. Exit code 0 when the keys exist and pass the audit, 1 when the audit
 * fails, 2 on a usage or token error (message on stderr). Never prints the PIN or any secret.
 */
public final class KeyCeremony {
    private KeyCeremony() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        Pkcs11Token.closeAll();
        System.exit(code);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                return usage(err, "unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.keySet().stream().allMatch(List.of("library", "token", "pin", "prefix")
                ::contains)) {
            return usage(err, "unknown or incomplete option");
        }
        try {
            TokenSettings settings = new TokenSettings(options.get("library"), options.get("token"),
                    PinReference.parse(options.get("pin")), options.getOrDefault("prefix", "synod"));
            try (Pkcs11Session session = Pkcs11Token.open(settings).openSession()) {
                MemberKeys keys = session.provisionMemberKeys();
                out.println("token            " + settings.tokenLabel());
                out.println("identity key     " + keys.identity() + "   (publish: signs this member's messages)");
                out.println("transport key    " + keys.transport() + "   (publish: peers encrypt shares to it)");
                boolean safe = true;
                for (KeyAudit k : session.auditKeys()) {
                    out.printf("audit %-18s extractable=%s sensitive=%s never-extractable=%s value-readable=%s  %s%n",
                            k.label(), k.extractable(), k.sensitive(), k.neverExtractable(), k.valueReadable(),
                            k.safe() ? "OK" : "UNSAFE");
                    safe &= k.safe();
                }
                return safe ? 0 : 1;
            }
        } catch (HsmException e) {
            err.println("key ceremony failed (" + e.failure() + "): " + e.getMessage());
            return 2;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: KeyCeremony --library PKCS11_MODULE --token LABEL --pin env:VAR|file:/path "
                + "[--prefix synod]");
        return 2;
    }
}
