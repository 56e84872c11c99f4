package io.synod.membership.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.membership.domain.StakeRefusal;
import io.synod.membership.domain.StakeRefusalReason;
import io.synod.shared.domain.Outpoint;

/** Row of {@code membership_stake_refusal}; natural key candidate + outpoint, {@code seq} orders them. */
@Entity
@Table(name = "membership_stake_refusal")
public class StakeRefusalEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "seq")
    private Long seq;

    @Column(name = "candidate", nullable = false, length = 42)
    private String candidate;

    @Column(name = "stake_txid", nullable = false)
    private byte[] stakeTxid;

    @Column(name = "stake_vout", nullable = false)
    private int stakeVout;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason", nullable = false, length = 20)
    private StakeRefusalReason reason;

    @Column(name = "detail", nullable = false, columnDefinition = "text")
    private String detail;

    @Column(name = "refused_at", nullable = false)
    private Instant refusedAt;

    protected StakeRefusalEntity() {
    }

    static StakeRefusalEntity of(StakeRefusal r) {
        StakeRefusalEntity e = new StakeRefusalEntity();
        e.candidate = r.candidate();
        e.stakeTxid = r.stake().txid();
        e.stakeVout = r.stake().vout();
        e.reason = r.reason();
        e.detail = r.detail();
        e.refusedAt = r.at();
        return e;
    }

    StakeRefusal toDomain() {
        return new StakeRefusal(candidate, new Outpoint(stakeTxid, stakeVout), reason, detail, refusedAt);
    }
}
