package io.synod.peg.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.synod.peg.domain.RedemptionState;

@Entity
@Table(name = "redemption")
public class RedemptionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "sequence", nullable = false, unique = true)
    private long sequence;

    @Column(name = "amount_sats", nullable = false)
    private long amountSats;

    @Column(name = "output_script", nullable = false)
    private byte[] outputScript;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 20)
    private RedemptionState state;

    @Column(name = "payout_txid")
    private byte[] payoutTxid;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected RedemptionEntity() {
    }
}
