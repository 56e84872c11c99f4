package io.synod.threshold.sharing;

import java.util.Arrays;

/** A strictly increasing set of distinct, valid member indices (signer sets, qualified sets, member sets). */
public record IndexSet(int[] indices) {
    public IndexSet {
        indices = indices.clone();
        for (int i = 0; i < indices.length; i++) {
            MemberIndex.of(indices[i]);
            if (i > 0 && indices[i] <= indices[i - 1]) {
                throw new MemberIndex.InvalidIndexException("indices must be distinct and increasing");
            }
        }
    }

    public static IndexSet range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        return new IndexSet(a);
    }

    public static IndexSet of(int... indices) {
        return new IndexSet(indices);
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    public int size() {
        return indices.length;
    }

    public int get(int pos) {
        return indices[pos];
    }

    public int position(int index) {
        int p = Arrays.binarySearch(indices, index);
        return p >= 0 ? p : -1;
    }

    public boolean contains(int index) {
        return position(index) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexSet s && Arrays.equals(indices, s.indices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(indices);
    }

    @Override
    public String toString() {
        return Arrays.toString(indices);
    }
}
