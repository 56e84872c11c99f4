package io.synod.coordination.application.reshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import io.synod.threshold.math.Secp256k1;

/** The membership channel's opening frame: pinned encoding, round trip, and strict refusal of every malformed form. */
class ReshareOpeningTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SUBJECT = "0x00112233445566778899aabbccddeeff00112233";

    private static ReshareOpening sample() {
        ECPoint g = Secp256k1.G;
        return new ReshareOpening(ReshareKind.JOIN, SUBJECT, List.of(g, g.twice().normalize()));
    }

    @Test
    void theEncodingIsPinnedByteForByte() {
        // version 1, kind JOIN (0), 20-byte subject, 2 commitments: G and 2G compressed. A change here breaks every
        // member still running the previous encoding, so it must be deliberate (and versioned).
        assertThat(HEX.formatHex(sample().encode())).isEqualTo("0100" + SUBJECT.substring(2) + "02"
                + "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                + "02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5");
        assertThat(ReshareKind.values()).as("the kind travels as its ordinal: append new kinds, never reorder")
                .containsExactly(ReshareKind.JOIN, ReshareKind.LEAVE, ReshareKind.EXCLUSION);
    }

    @Test
    void everyKindRoundTripsAndTheSubjectIsCanonicalLowerCase() {
        for (ReshareKind kind : ReshareKind.values()) {
            ReshareOpening o = new ReshareOpening(kind, SUBJECT.toUpperCase().replace("0X", "0x"),
                    List.of(Secp256k1.mulG(BigInteger.valueOf(7))));
            ReshareOpening back = ReshareOpening.decode(o.encode());
            assertThat(back.kind()).isEqualTo(kind);
            assertThat(back.subject()).isEqualTo(SUBJECT);
            assertThat(back.commitments()).containsExactlyElementsOf(o.commitments());
            assertThat(back.encode()).isEqualTo(o.encode());
        }
    }

    @Test
    void malformedFramesAreRefusedBeforeAnyUse() {
        byte[] good = sample().encode();
        byte[] badVersion = good.clone();
        badVersion[0] = 2;
        byte[] badKind = good.clone();
        badKind[1] = 3;
        byte[] countTooHigh = good.clone();
        countTooHigh[22] = 3;
        byte[] countZero = Arrays.copyOf(good, 23);
        countZero[22] = 0;
        byte[] notAPoint = good.clone();
        notAPoint[23] = 0x05; // no such compressed-point prefix
        byte[] offCurve = good.clone();
        Arrays.fill(offCurve, 24, 56, (byte) 0xFF); // x ≥ p
        for (byte[] b : List.of(badVersion, badKind, countTooHigh, countZero, notAPoint, offCurve,
                Arrays.copyOf(good, good.length - 1), Arrays.copyOf(good, good.length + 1), new byte[0])) {
            assertThatThrownBy(() -> ReshareOpening.decode(b)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new ReshareOpening(ReshareKind.LEAVE, "0x1234", List.of(Secp256k1.G)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReshareOpening(ReshareKind.LEAVE, SUBJECT, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachEpochOfEachRegistryHasItsOwnChannel() {
        String registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
        assertThat(ReshareOpening.channel(registry, 3)).isEqualTo(ReshareOpening.channel(registry.toLowerCase(), 3));
        assertThat(ReshareOpening.channel(registry, 3)).isNotEqualTo(ReshareOpening.channel(registry, 4));
        assertThat(ReshareOpening.channel(registry, 3))
                .isNotEqualTo(ReshareOpening.channel("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", 3));
    }
}
