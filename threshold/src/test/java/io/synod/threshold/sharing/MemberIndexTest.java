package io.synod.threshold.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import io.synod.threshold.math.Secp256k1;

class MemberIndexTest {
    @Test
    void indexZeroAndGroupOrderAreRejected() {
        assertThrows(MemberIndex.InvalidIndexException.class, () -> MemberIndex.of(0));
        assertThrows(MemberIndex.InvalidIndexException.class, () -> MemberIndex.fromScalar(BigInteger.ZERO));
        assertThrows(MemberIndex.InvalidIndexException.class, () -> MemberIndex.fromScalar(Secp256k1.N));
        assertThrows(MemberIndex.InvalidIndexException.class,
                () -> MemberIndex.fromScalar(Secp256k1.N.multiply(BigInteger.TWO)));
        assertEquals(1, MemberIndex.fromScalar(Secp256k1.N.add(BigInteger.ONE)).value(), "reduced modulo N");
        assertThrows(MemberIndex.InvalidIndexException.class, () -> MemberIndex.of(65536));
    }

    @Test
    void repeatedIndicesAreRejected() {
        assertThrows(MemberIndex.InvalidIndexException.class, () -> IndexSet.of(1, 2, 2));
        assertThrows(MemberIndex.InvalidIndexException.class, () -> IndexSet.of(3, 1));
        assertThrows(MemberIndex.InvalidIndexException.class, () -> IndexSet.of(0, 1));
        assertEquals(3, IndexSet.of(1, 5, 9).size());
    }
}
