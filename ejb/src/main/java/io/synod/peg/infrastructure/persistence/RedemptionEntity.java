package io.synod.peg.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.shared.infrastructure.persistence.TrackedRow;
import io.synod.peg.domain.RedemptionState;

@Entity
@Table(name = "redemption")
public class RedemptionEntity extends TrackedRow {

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

    protected RedemptionEntity() {
    }
}
