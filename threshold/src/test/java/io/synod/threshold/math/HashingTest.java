package io.synod.threshold.math;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class HashingTest {

    @Test
    void twoSplitsOfTheSameBytesHashDifferently() {
        byte[] a = Hashing.hash("d", "ab".getBytes(), "c".getBytes());
        byte[] b = Hashing.hash("d", "a".getBytes(), "bc".getBytes());
        byte[] c = Hashing.hash("d", "abc".getBytes());
        byte[] d = Hashing.hash("da", "bc".getBytes());
        Set<String> all = new HashSet<>();
        for (byte[] h : new byte[][] {a, b, c, d}) {
            all.add(Arrays.toString(h));
        }
        assertTrue(all.size() == 4, "every split must give a different digest");
    }

    @Property(tries = 200)
    void everySplitPointGivesADistinctDigest(@ForAll @Size(min = 2, max = 40) byte[] data,
            @ForAll @IntRange(min = 0, max = 40) int cut1, @ForAll @IntRange(min = 0, max = 40) int cut2) {
        int i = Math.min(cut1, data.length);
        int j = Math.min(cut2, data.length);
        if (i == j) {
            return;
        }
        byte[] h1 = Hashing.hash("SYNOD/test", Arrays.copyOfRange(data, 0, i), Arrays.copyOfRange(data, i, data.length));
        byte[] h2 = Hashing.hash("SYNOD/test", Arrays.copyOfRange(data, 0, j), Arrays.copyOfRange(data, j, data.length));
        assertFalse(Arrays.equals(h1, h2));
    }

    @Test
    void domainsSeparate() {
        assertFalse(Arrays.equals(Hashing.hash("A", new byte[] {1}), Hashing.hash("B", new byte[] {1})));
    }
}
