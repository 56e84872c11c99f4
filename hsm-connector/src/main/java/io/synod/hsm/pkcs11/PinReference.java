package io.synod.hsm.pkcs11;

import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the user PIN comes from. The configuration holds a reference, never the PIN:
 * <ul>
 *   <li>{@code env:NAME}: the environment variable NAME;</li>
 *   <li>{@code file:/abs/path}: the first line of a file readable by its owner only;</li>
 *   <li>{@code elytron:${ENC::resolver:ciphertext}}: an Elytron encrypted expression, which WildFly decrypts with
 *       the key in its credential store when it reads the adapter's configuration; the text after
 *       {@code elytron:} is what the container handed over.</li>
 * </ul>
 * Anything else is refused, so a PIN pasted into the configuration is rejected.
 */
public final class PinReference {
    static final String SETTING = "PinReference";

    private final String reference;
    private final Function<String, String> environment;

    private PinReference(String reference, Function<String, String> environment) {
        this.reference = reference;
        this.environment = environment;
    }

    public static PinReference parse(String reference) {
        return parse(reference, System::getenv);
    }

    static PinReference parse(String reference, Function<String, String> environment) {
        if (reference == null || reference.isBlank()) {
            throw new HsmException(HsmFailure.PIN_UNAVAILABLE,
                    "no HSM PIN reference configured: set " + SETTING + " to env:VARIABLE, file:/path or "
                            + "elytron:${ENC::resolver:...}");
        }
        if (!(reference.startsWith("env:") || reference.startsWith("file:") || reference.startsWith("elytron:"))) {
            throw new HsmException(HsmFailure.PIN_UNAVAILABLE,
                    SETTING + " must be env:VARIABLE, file:/path or elytron:${ENC::...}; a literal PIN in the "
                            + "configuration is refused");
        }
        return new PinReference(reference, environment);
    }

    /** The reference as configured, safe to log (it names where the PIN is, not the PIN). */
    public String describe() {
        return reference.startsWith("elytron:") ? "elytron:(encrypted expression)" : reference;
    }

    Pin resolve() {
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            String value = environment.apply(name);
            if (value == null || value.isEmpty()) {
                throw new HsmException(HsmFailure.PIN_UNAVAILABLE, "the HSM PIN environment variable " + name
                        + " is not set for the server process; export it or change " + SETTING);
            }
            return new Pin(value.toCharArray());
        }
        if (reference.startsWith("file:")) {
            return fromFile(Path.of(reference.substring(5)));
        }
        String resolved = reference.substring("elytron:".length());
        if (resolved.startsWith("${")) {
            throw new HsmException(HsmFailure.PIN_UNAVAILABLE, "the Elytron expression in " + SETTING
                    + " was not resolved by the container: check the expression=encryption resolver and its "
                    + "credential store");
        }
        return new Pin(resolved.toCharArray());
    }

    private Pin fromFile(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                throw new HsmException(HsmFailure.PIN_UNAVAILABLE, "the HSM PIN file " + file
                        + " is readable by group or others: chmod 600 it (" + SETTING + ")");
            }
            byte[] raw = Files.readAllBytes(file);
            try {
                int end = 0;
                while (end < raw.length && raw[end] != '\n' && raw[end] != '\r') {
                    end++;
                }
                CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw, 0, end));
                char[] pin = Arrays.copyOf(chars.array(), chars.limit());
                Arrays.fill(chars.array(), '\0');
                return new Pin(pin);
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new HsmException(HsmFailure.PIN_UNAVAILABLE,
                    "cannot read the HSM PIN file " + file + " (" + SETTING + "): " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "PinReference[" + describe() + "]";
    }
}
