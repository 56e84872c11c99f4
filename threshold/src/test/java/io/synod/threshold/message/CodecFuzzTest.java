package io.synod.threshold.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.synod.threshold.TestRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Malformed input only ever ends in a {@link DecodeException}; accepted input is canonical (re-encodes to the
 * same bytes). Jazzer explores freely when run with JAZZER_FUZZ=1; in a regular build it replays the seed corpus
 * in src/test/resources. The jqwik property mutates valid encodings of every message type in every build.
 */
class CodecFuzzTest {
    private static final List<byte[]> VALID = SampleMessages.all(TestRandom.seeded(21)).stream()
            .map(ThresholdMessage::encode).toList();

    @FuzzTest(maxDuration = "30s")
    void decodeNeverThrowsAnythingElse(byte[] input) {
        decodeStrictly(input);
    }

    @Property(tries = 1500)
    void mutatedValidMessagesAreRejectedPreciselyOrCanonical(@ForAll @IntRange(min = 0, max = 10) int which,
            @ForAll @IntRange(min = 0, max = 3) int op, @ForAll @IntRange(min = 0, max = 100000) int where,
            @ForAll @IntRange(min = 0, max = 255) int value) {
        byte[] b = VALID.get(which).clone();
        int pos = where % b.length;
        byte[] mutated = switch (op) {
            case 0 -> {
                b[pos] = (byte) value;
                yield b;
            }
            case 1 -> java.util.Arrays.copyOf(b, pos);
            case 2 -> {
                byte[] c = java.util.Arrays.copyOf(b, b.length + 1 + value % 40);
                c[b.length] = (byte) value;
                yield c;
            }
            default -> {
                b[pos] ^= (byte) (1 << (value % 8));
                yield b;
            }
        };
        decodeStrictly(mutated);
    }

    static void decodeStrictly(byte[] input) {
        try {
            ThresholdMessage m = Codec.decode(input, SampleMessages.CTX);
            assertArrayEquals(input, m.encode(), "accepted input must be canonical");
        } catch (DecodeException expected) {
            // the only acceptable failure, and always a precise one
            assertNotEquals(DecodeException.Reason.MALFORMED, expected.reason(), "decoder hit the defensive catch-all");
        }
    }
}
