package io.synod.peg.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.chain.bitcoin.deposit.DepositNonce;
import io.synod.chain.bitcoin.deposit.DepositTerms;
import io.synod.chain.bitcoin.deposit.RefundHeight;
import io.synod.chain.bitcoin.deposit.SidechainRecipient;
import io.synod.peg.domain.pegin.RevealedDeposit;

/** A revealed deposit script's terms (table pegin_reveal); the script is re-derived from the group key on read. */
@Entity
@Table(name = "pegin_reveal")
public class PegInRevealEntity {

    @Id
    @Column(name = "reveal_id", length = 66)
    private String revealId;

    @Column(name = "seq", insertable = false, updatable = false)
    private Long seq;

    @Column(name = "recipient", nullable = false)
    private byte[] recipient;

    @Column(name = "nonce", nullable = false)
    private byte[] nonce;

    @Column(name = "refund_public_key", nullable = false)
    private byte[] refundPublicKey;

    @Column(name = "refund_height", nullable = false)
    private long refundHeight;

    protected PegInRevealEntity() {
    }

    static PegInRevealEntity of(RevealedDeposit r) {
        PegInRevealEntity e = new PegInRevealEntity();
        e.revealId = r.revealId();
        e.recipient = r.terms().recipient().address();
        e.nonce = r.terms().nonce().bytes();
        e.refundPublicKey = r.terms().refundPublicKey();
        e.refundHeight = r.terms().refundHeight().value();
        return e;
    }

    RevealedDeposit toDomain(byte[] groupPublicKey) {
        return RevealedDeposit.of(revealId, new DepositTerms(new SidechainRecipient(recipient), refundPublicKey,
                RefundHeight.of(refundHeight), new DepositNonce(nonce)), groupPublicKey);
    }
}
