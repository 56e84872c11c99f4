package io.synod.threshold.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.synod.threshold.TestRandom;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.DecodeException.Reason;
import io.synod.threshold.sharing.IndexSet;

class CodecTest {
    private final List<ThresholdMessage> samples = SampleMessages.all(TestRandom.seeded(11));

    @Test
    void everyMessageTypeRoundTripsCanonically() throws Exception {
        for (ThresholdMessage m : samples) {
            byte[] enc = m.encode();
            ThresholdMessage back = Codec.decode(enc, SampleMessages.CTX);
            assertEquals(m.getClass(), back.getClass());
            assertArrayEquals(enc, back.encode(), m.header().type() + " must re-encode identically");
        }
    }

    @Test
    void headerSnapshot() {
        // version 1, type DKG_FELDMAN (3), session id, round 3, sender 2 — a change here is a wire-format change
        byte[] enc = samples.get(2).encode();
        assertEquals("0103" + HexFormat.of().formatHex(SampleMessages.SESSION) + "03" + "0002" + "0002",
                HexFormat.of().formatHex(Arrays.copyOf(enc, 39)));
        assertEquals(39 + 2 * 33, enc.length);
    }

    @Test
    void wireSizesOfEveryMessageTypeAreStable() {
        // t = 1, three members, batch 1: header 37 bytes; point 33; scalar 32; DLEQ proof 98; u16 counts
        int[] expected = {
            37 + 2 + 2 * 33 + 33 + 2 + 3 * (2 + 80),          // DKG_DEALING
            37 + 2 + 33 + 98,                                 // DKG_COMPLAINT
            37 + 2 + 2 * 33,                                  // DKG_FELDMAN
            37 + 2 + 33 + 98,                                 // DKG_FELDMAN_COMPLAINT
            37 + 2 + 2 + 2 * 33 + 2 + 2 * 33 + 33 + 2 + 3 * (2 + 80), // PRESIGN_DEALING
            37 + 2 + 33 + 98,                                 // PRESIGN_COMPLAINT
            37 + 2 + 32 + 98 + 2 + 33 + 98,                   // PRESIGN_PRODUCT
            37 + 32 + 32,                                     // PARTIAL_SIGNATURE
            37 + 2 + 2 * 33 + 33 + 2 + 3 * (2 + 48),          // RESHARE_DEALING
            37 + 2 + 33 + 98,                                 // RESHARE_COMPLAINT
            37 + 2 + 2 * (2 + 32 + 32),                       // DKG_REVEAL
        };
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], samples.get(i).encode().length, samples.get(i).header().type().name());
            assertEquals(samples.get(i).header().type().code, samples.get(i).encode()[1]);
        }
    }

    @Test
    void commitmentVectorOneTooLongOrShortIsRejected() {
        var rng = TestRandom.seeded(12);
        DkgFeldman longer = new DkgFeldman(SampleMessages.h(MessageType.DKG_FELDMAN), SampleMessages.points(rng, 3));
        DkgFeldman shorter = new DkgFeldman(SampleMessages.h(MessageType.DKG_FELDMAN), SampleMessages.points(rng, 1));
        assertReason(Reason.WRONG_VECTOR_LENGTH, longer.encode());
        assertReason(Reason.WRONG_VECTOR_LENGTH, shorter.encode());
    }

    @Test
    void replayFromAnotherSessionOrEpochIsRejected() {
        byte[] enc = samples.get(0).encode();
        SessionContext nextEpoch = new SessionContext(Hashing.hash("test-session", new byte[] {1}), 1,
                IndexSet.range(3), IndexSet.range(3));
        DecodeException e = assertThrows(DecodeException.class, () -> Codec.decode(enc, nextEpoch));
        assertEquals(Reason.WRONG_SESSION, e.reason());
    }

    @Test
    void headerFieldsAreChecked() {
        byte[] enc = samples.get(2).encode();
        assertReason(Reason.UNSUPPORTED_VERSION, with(enc, 0, 2));
        assertReason(Reason.UNKNOWN_TYPE, with(enc, 1, 99));
        assertReason(Reason.WRONG_ROUND, with(enc, 34, 1));
        assertReason(Reason.INDEX_ZERO, with(with(enc, 35, 0), 36, 0));
        assertReason(Reason.INDEX_NOT_A_MEMBER, with(enc, 36, 9));
        assertReason(Reason.TRUNCATED, Arrays.copyOf(enc, enc.length - 1));
        assertReason(Reason.TRAILING_BYTES, Arrays.copyOf(enc, enc.length + 1));
        assertReason(Reason.NULL_INPUT, null);
        assertReason(Reason.TRUNCATED, new byte[0]);
    }

    @Test
    void pointsMustBeCanonicalOnCurveAndNotInfinity() {
        byte[] enc = samples.get(2).encode();
        int p0 = 39; // first commitment point (after 37-byte header and u16 count)
        assertReason(Reason.POINT_AT_INFINITY, with(enc, p0, 0));
        assertReason(Reason.POINT_NOT_CANONICAL, with(enc, p0, 4));
        byte[] xIsP = enc.clone();
        System.arraycopy(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, Secp256k1.P), 0, xIsP, p0 + 1, 32);
        assertReason(Reason.POINT_NOT_CANONICAL, xIsP);
        byte[] off = enc.clone();
        Arrays.fill(off, p0 + 1, p0 + 33, (byte) 0);
        off[p0 + 32] = 5;
        assertReason(Reason.POINT_NOT_ON_CURVE, off);
    }

    @Test
    void scalarsMustBeBelowTheGroupOrder() {
        PartialSignatureMessage p = (PartialSignatureMessage) samples.get(7);
        byte[] enc = p.encode();
        byte[] atN = enc.clone();
        System.arraycopy(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, Secp256k1.N), 0, atN,
                enc.length - 32, 32);
        assertReason(Reason.SCALAR_OUT_OF_RANGE, atN);
        assertThrows(IllegalArgumentException.class, () -> new PartialSignatureMessage(p.header(), new byte[32],
                Secp256k1.N).encode(), "the writer refuses non-canonical scalars too");
        assertEquals(BigInteger.ZERO.signum(), 0);
    }

    @Test
    void ciphertextLengthIsExact() {
        var rng = TestRandom.seeded(13);
        DkgDealing d = new DkgDealing(SampleMessages.h(MessageType.DKG_DEALING), SampleMessages.points(rng, 2),
                SampleMessages.point(rng), SampleMessages.blobs(rng, 3, 81));
        assertReason(Reason.WRONG_CIPHERTEXT_LENGTH, d.encode());
        DkgDealing fewer = new DkgDealing(SampleMessages.h(MessageType.DKG_DEALING), SampleMessages.points(rng, 2),
                SampleMessages.point(rng), SampleMessages.blobs(rng, 2, 80));
        assertReason(Reason.WRONG_VECTOR_LENGTH, fewer.encode());
    }

    @Test
    void presignBatchSizeMustMatchTheSession() throws Exception {
        var rng = TestRandom.seeded(14);
        PresignDealing two = new PresignDealing(SampleMessages.h(MessageType.PRESIGN_DEALING), 2,
                SampleMessages.points(rng, 4), SampleMessages.points(rng, 4), SampleMessages.point(rng),
                SampleMessages.blobs(rng, 3, PresignDealing.ciphertextBytes(2)));
        assertReason(Reason.WRONG_BATCH_SIZE, two.encode());
        SessionContext batched = new SessionContext(SampleMessages.SESSION, 1, IndexSet.range(3), IndexSet.range(3), 2);
        assertArrayEquals(two.encode(), Codec.decode(two.encode(), batched).encode());
    }

    static void assertReason(Reason expected, byte[] input) {
        DecodeException e = assertThrows(DecodeException.class, () -> Codec.decode(input, SampleMessages.CTX));
        assertEquals(expected, e.reason());
    }

    static byte[] with(byte[] b, int pos, int value) {
        byte[] c = b.clone();
        c[pos] = (byte) value;
        return c;
    }
}
