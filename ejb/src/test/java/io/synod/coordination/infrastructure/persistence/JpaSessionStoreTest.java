package io.synod.coordination.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.synod.coordination.domain.GenesisCheckpoint;
import io.synod.coordination.domain.SessionStore;
import io.synod.coordination.domain.SessionStoreContract;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Secp256k1;

/**
 * The JPA session store and stored shares against a real PostgreSQL at the migrated schema: the contract, plus what
 * sealing adds.
 */
class JpaSessionStoreTest extends SessionStoreContract {
    private static PostgresJpa db;
    private final TestSeedSealer sealer = new TestSeedSealer();

    @BeforeAll
    static void start() throws Exception {
        db = new PostgresJpa();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    /** Each call in its own transaction and entity manager, as the node's bean runs it. */
    @Override
    protected SessionStore store() {
        return new SessionStore() {
            @Override
            public void save(GenesisCheckpoint c) {
                db.inTransaction(em -> {
                    new JpaSessionStore(em, sealer, Clock.systemUTC()).save(c);
                    return null;
                });
            }

            @Override
            public Optional<GenesisCheckpoint> load(SessionId s) {
                return db.inTransaction(em -> new JpaSessionStore(em, sealer, Clock.systemUTC()).load(s));
            }
        };
    }

    private static byte[] random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static byte[] storedSeedColumn(SessionId s) throws Exception {
        try (Connection c = db.dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sealed_seed FROM session_checkpoint WHERE session_id = ?")) {
            ps.setBytes(1, s.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    @Test
    void theSeedIsStoredOnlySealedAndSealedOncePerSession() throws Exception {
        SessionId s = new SessionId(random());
        byte[] seed = random();
        GenesisCheckpoint c = new GenesisCheckpoint(s, seed, 5, 0, false);
        store().save(c);
        store().save(c.posted(1));
        store().save(c.posted(3));
        byte[] column = storedSeedColumn(s);
        assertThat(column).isNotNull().hasSizeGreaterThan(seed.length);
        assertThat(java.util.HexFormat.of().formatHex(column)).doesNotContain(java.util.HexFormat.of().formatHex(seed));
        assertThat(sealer.seals).isEqualTo(1);
        store().save(c.posted(3).done());
        assertThat(storedSeedColumn(s)).isNull();
    }

    @Test
    void aSealedSeedMovedToAnotherSessionDoesNotOpen() throws Exception {
        SessionId a = new SessionId(random());
        SessionId b = new SessionId(random());
        store().save(new GenesisCheckpoint(a, random(), 1, 0, false));
        store().save(new GenesisCheckpoint(b, random(), 1, 0, false));
        try (Connection c = db.dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE session_checkpoint SET sealed_seed = "
                     + "(SELECT sealed_seed FROM session_checkpoint WHERE session_id = ?) WHERE session_id = ?")) {
            ps.setBytes(1, a.bytes());
            ps.setBytes(2, b.bytes());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThatThrownBy(() -> store().load(b)).hasMessageContaining("unseal failed");
    }

    @Test
    void aFinishedSessionCannotReopenNorRoundGoBack() {
        SessionId s = new SessionId(random());
        GenesisCheckpoint c = new GenesisCheckpoint(s, random(), 9, 2, false);
        store().save(c);
        store().save(new GenesisCheckpoint(s, c.seed(), 9, 1, false));
        assertThat(store().load(s).orElseThrow().postedRound()).isEqualTo(2);
        store().save(c.done());
        assertThatThrownBy(() -> store().save(c)).hasMessageContaining("cannot reopen");
    }

    @Test
    void theSchemaRefusesASeedShorterThanASealedBlob() throws Exception {
        try (Connection c = db.dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO session_checkpoint (session_id, kind, sealed_seed, "
                     + "start_block, posted_round, finished, created_at, updated_at) VALUES (?, 'KEYGEN', ?, 0, 0, false, "
                     + "now(), now())")) {
            ps.setBytes(1, random());
            ps.setBytes(2, random());
            assertThatThrownBy(ps::executeUpdate).hasMessageContaining("session_checkpoint_sealed_seed_check");
        }
    }

    private static byte[] randomBytes(int n) {
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

    private static void saveShare(StoredKeyShare s) {
        db.inTransaction(em -> {
            new JpaCoordinationRecords(em, Clock.systemUTC()).saveShare(s);
            return null;
        });
    }

    /**
     * A genesis or resharing session that crashed after sealing its share, before marking itself done, derives the
     * same share again when it resumes: storing it must succeed and keep the first sealed blob.
     */
    @Test
    void theSameShareSavedAgainOnResumeKeepsTheFirstBlobAndADifferentOneIsRefused() {
        byte[] group = randomBytes(32);
        List<byte[]> commitments = List.of(Secp256k1.encode(Secp256k1.mulG(BigInteger.valueOf(11))),
                Secp256k1.encode(Secp256k1.mulG(BigInteger.valueOf(12))));
        byte[] firstBlob = randomBytes(61);
        saveShare(share(group, 3, 2, commitments, firstBlob));

        // resumed: same public outcome, sealed again (AES-GCM with a fresh nonce, so other bytes)
        saveShare(share(group, 3, 2, commitments, randomBytes(61)));
        StoredKeyShare stored = db.inTransaction(em -> new JpaCoordinationRecords(em, Clock.systemUTC())
                .share(group, 3)).orElseThrow();
        assertThat(stored.sealedShare()).isEqualTo(firstBlob);

        List<byte[]> other = List.of(commitments.get(0), Secp256k1.encode(Secp256k1.mulG(BigInteger.valueOf(13))));
        assertThatThrownBy(() -> saveShare(share(group, 3, 2, other, randomBytes(61))))
                .hasMessageContaining("already stored");
        assertThatThrownBy(() -> saveShare(share(group, 3, 3, commitments, randomBytes(61))))
                .hasMessageContaining("already stored");
        // another epoch of the same group is a new share
        saveShare(share(group, 4, 2, other, randomBytes(61)));
    }
}
