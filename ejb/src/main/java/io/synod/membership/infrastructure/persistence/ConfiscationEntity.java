package io.synod.membership.infrastructure.persistence;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.membership.domain.Confiscation;
import io.synod.membership.domain.ConfiscationState;
import io.synod.shared.domain.Outpoint;

/** Row of {@code membership_confiscation}: one per member, updated as the confiscation moves forward. */
@Entity
@Table(name = "membership_confiscation")
public class ConfiscationEntity {

    @Id
    @Column(name = "member", length = 42)
    private String member;

    @Column(name = "stake_txid", nullable = false)
    private byte[] stakeTxid;

    @Column(name = "stake_vout", nullable = false)
    private int stakeVout;

    @Column(name = "evidence_hash", nullable = false)
    private byte[] evidenceHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 20)
    private ConfiscationState state;

    @Column(name = "bitcoin_txid", length = 64)
    private String bitcoinTxid;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "seq", insertable = false, updatable = false)
    private Long seq;

    protected ConfiscationEntity() {
    }

    static ConfiscationEntity of(Confiscation c) {
        ConfiscationEntity e = new ConfiscationEntity();
        e.member = c.member();
        e.stakeTxid = c.stake().txid();
        e.stakeVout = c.stake().vout();
        e.evidenceHash = c.evidenceHash();
        e.update(c);
        return e;
    }

    void update(Confiscation c) {
        state = c.state();
        bitcoinTxid = c.bitcoinTxid().orElse(null);
        updatedAt = c.at();
    }

    Confiscation toDomain() {
        return new Confiscation(member, new Outpoint(stakeTxid, stakeVout), evidenceHash, state,
                Optional.ofNullable(bitcoinTxid), updatedAt);
    }
}
