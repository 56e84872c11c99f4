package io.synod.peg.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import io.synod.shared.infrastructure.persistence.TrackedRow;
import io.synod.peg.domain.DepositState;

@Entity
@Table(name = "deposit", uniqueConstraints = @UniqueConstraint(name = "deposit_outpoint", columnNames = {"txid", "vout"}))
public class DepositEntity extends TrackedRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "txid", nullable = false)
    private byte[] txid;

    @Column(name = "vout", nullable = false)
    private int vout;

    @Column(name = "amount_sats", nullable = false)
    private long amountSats;

    @Column(name = "recipient", nullable = false, length = 42)
    private String recipient;

    @Column(name = "confirmations", nullable = false)
    private int confirmations;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 20)
    private DepositState state;

    protected DepositEntity() {
    }

    public long amountSats() {
        return amountSats;
    }

    public DepositState state() {
        return state;
    }
}
