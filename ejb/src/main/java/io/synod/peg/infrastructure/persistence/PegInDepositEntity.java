package io.synod.peg.infrastructure.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.synod.chain.bitcoin.BlockHash;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.BlockRef;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.domain.pegin.RevealedDeposit;

/** One deposit outpoint's peg-in state (table pegin_deposit, keyed by txid and vout), rewritten per transition. */
@Entity
@Table(name = "pegin_deposit")
@IdClass(PegInDepositEntity.Key.class)
public class PegInDepositEntity {

    /** The natural key: the deposit outpoint. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String txid;
        private int vout;

        public Key() {
        }

        Key(Outpoint o) {
            this.txid = o.txid().hex();
            this.vout = o.vout();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.vout == vout && Objects.equals(k.txid, txid);
        }

        @Override
        public int hashCode() {
            return Objects.hash(txid, vout);
        }
    }

    @Id
    @Column(name = "txid", length = 64)
    private String txid;

    @Id
    @Column(name = "vout")
    private int vout;

    @Column(name = "seq", insertable = false, updatable = false)
    private Long seq;

    @Column(name = "amount_sats", nullable = false)
    private long amountSats;

    @Column(name = "reveal_id", nullable = false, length = 66)
    private String revealId;

    @Column(name = "block_hash", nullable = false, length = 64)
    private String blockHash;

    @Column(name = "block_height", nullable = false)
    private long blockHeight;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 20)
    private PegInState state;

    @Column(name = "note", nullable = false, length = 600)
    private String note;

    @Column(name = "ready_since")
    private Instant readySince;

    @Column(name = "group_signature")
    private byte[] groupSignature;

    @Column(name = "epoch", nullable = false)
    private long epoch;

    @Column(name = "mint_tx", length = 66)
    private String mintTx;

    @Column(name = "sweep_txid", length = 64)
    private String sweepTxid;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected PegInDepositEntity() {
    }

    static PegInDepositEntity of(PegInDeposit d) {
        PegInDepositEntity e = new PegInDepositEntity();
        e.txid = d.outpoint().txid().hex();
        e.vout = d.outpoint().vout();
        e.update(d);
        return e;
    }

    void update(PegInDeposit d) {
        amountSats = d.amount().value();
        revealId = d.reveal().revealId();
        blockHash = d.block().hash().hex();
        blockHeight = d.block().height().value();
        state = d.state();
        String n = d.note() == null ? "" : d.note();
        note = n.length() > 600 ? n.substring(0, 600) : n;
        readySince = d.readySince();
        groupSignature = d.groupSignature();
        epoch = d.epoch();
        mintTx = d.mintTx();
        sweepTxid = d.sweepTxid();
    }

    String revealId() {
        return revealId;
    }

    PegInDeposit toDomain(RevealedDeposit reveal) {
        return new PegInDeposit(new Outpoint(new Txid(txid), vout), Satoshis.of(amountSats), reveal,
                new BlockRef(BlockHeight.of(blockHeight), new BlockHash(blockHash)), state, note, readySince,
                groupSignature, epoch, mintTx, sweepTxid);
    }
}
