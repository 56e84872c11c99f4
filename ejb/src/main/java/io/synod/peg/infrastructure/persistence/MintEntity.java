package io.synod.peg.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import io.synod.shared.infrastructure.persistence.TrackedRow;
import io.synod.peg.domain.MintState;

@Entity
@Table(name = "mint")
public class MintEntity extends TrackedRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @OneToOne(optional = false)
    @JoinColumn(name = "deposit_id", nullable = false, unique = true)
    private DepositEntity deposit;

    @Column(name = "amount_sats", nullable = false)
    private long amountSats;

    @Column(name = "recipient", nullable = false, length = 42)
    private String recipient;

    @Column(name = "sidechain_tx")
    private byte[] sidechainTx;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 20)
    private MintState state;

    protected MintEntity() {
    }
}
