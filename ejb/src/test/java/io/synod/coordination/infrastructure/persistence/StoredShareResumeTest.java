package io.synod.coordination.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.synod.threshold.math.Secp256k1;

/**
 * A resharing or genesis session that crashed after sealing its share but before marking itself done derives the
 * same share again when it resumes: storing it must succeed (keeping the first sealed blob), against a real
 * PostgreSQL at the migrated schema; a different share for the same epoch stays refused.
 */
class StoredShareResumeTest {
    private static PostgresJpa db;

    @BeforeAll
    static void start() throws Exception {
        db = new PostgresJpa();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static StoredKeyShare share(byte[] group, long epoch, int member, List<byte[]> commitments, byte[] sealed) {
        byte[] c = new byte[33 * commitments.size()];
        for (int i = 0; i < commitments.size(); i++) {
            System.arraycopy(commitments.get(i), 0, c, 33 * i, 33);
        }
        return new StoredKeyShare(group, epoch, member, commitments.size() - 1, commitments.get(0), c,
                List.of(1, 2, 3, 4), sealed);
    }

    private static void save(StoredKeyShare s) {
        db.inTransaction(em -> {
            new JpaCoordinationRecords(em, Clock.systemUTC()).saveShare(s);
            return null;
        });
    }

    @Test
    void theSameShareSavedAgainOnResumeKeepsTheFirstBlobAndADifferentOneIsRefused() {
        byte[] group = random(32);
        List<byte[]> commitments = List.of(Secp256k1.encode(Secp256k1.mulG(BigInteger.valueOf(11))),
                Secp256k1.encode(Secp256k1.mulG(BigInteger.valueOf(12))));
        byte[] firstBlob = random(61);
        save(share(group, 3, 2, commitments, firstBlob));

        // resumed: same public outcome, sealed again (AES-GCM with a fresh nonce, so other bytes)
        save(share(group, 3, 2, commitments, random(61)));
        StoredKeyShare stored = db.inTransaction(em -> new JpaCoordinationRecords(em, Clock.systemUTC())
                .share(group, 3)).orElseThrow();
        assertThat(stored.sealedShare()).isEqualTo(firstBlob);

        List<byte[]> other = List.of(commitments.get(0), Secp256k1.encode(Secp256k1.mulG(BigInteger.valueOf(13))));
        assertThatThrownBy(() -> save(share(group, 3, 2, other, random(61))))
                .hasMessageContaining("already stored");
        assertThatThrownBy(() -> save(share(group, 3, 3, commitments, random(61))))
                .hasMessageContaining("already stored");
        // another epoch of the same group is a new share
        save(share(group, 4, 2, other, random(61)));
    }
}
