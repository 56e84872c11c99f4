package io.synod.hsm.ceremony;

import io.synod.hsm.support.SoftHsm;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class KeyCeremonyTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = KeyCeremony.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void createsAuditedKeysUnderASeparatePrefixAndIsIdempotent() {
        SoftHsm hsm = SoftHsm.get();
        String[] first = run("--library", hsm.library(), "--token", SoftHsm.TOKEN, "--pin", "env:" + SoftHsm.PIN_ENV,
                "--prefix", "ceremony");
        assertThat(first[0]).as(first[2]).isEqualTo("0");
        assertThat(first[1]).contains("identity key     0", "transport key    0").doesNotContain("UNSAFE");
        assertThat(first[1].lines().filter(l -> l.startsWith("audit ") && l.endsWith("OK"))).hasSize(3);
        String[] second = run("--library", hsm.library(), "--token", SoftHsm.TOKEN, "--pin", "env:" + SoftHsm.PIN_ENV,
                "--prefix", "ceremony");
        assertThat(second[1].lines().filter(l -> l.startsWith("identity")))
                .containsExactlyElementsOf(first[1].lines().filter(l -> l.startsWith("identity")).toList());
    }

    @Test
    void reportsTokenErrorsAndUsage() {
        String[] missing = run("--library", SoftHsm.get().library(), "--token", "absent", "--pin", "env:X");
        assertThat(missing[0]).isEqualTo("2");
        assertThat(missing[2]).contains("TOKEN_NOT_FOUND", "TokenLabel");
        assertThat(run("--library")[0]).isEqualTo("2");
    }
}
