package io.synod.shared.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class FieldHashTest {

    @Test
    void hashesEachFieldWithItsFourByteLength() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256")
                .digest(HexFormat.of().parseHex("00000002" + "6162" + "00000000" + "00000001" + "63"));
        assertThat(FieldHash.sha256("ab".getBytes(), new byte[0], "c".getBytes())).isEqualTo(expected);
    }

    @Test
    void differentSplitsOfTheSameBytesNeverHashAlike() {
        assertThat(FieldHash.sha256("ab".getBytes(), "c".getBytes()))
                .isNotEqualTo(FieldHash.sha256("a".getBytes(), "bc".getBytes()))
                .isNotEqualTo(FieldHash.sha256("abc".getBytes()));
    }
}
