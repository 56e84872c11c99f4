package io.synod.peg.infrastructure.node;

import java.time.Clock;
import java.util.function.Function;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.infrastructure.persistence.JpaDepositBook;
import io.synod.peg.infrastructure.persistence.JpaLedger;

/**
 * One JTA transaction per call on the node's JPA stores. The peg services save each transition before their next
 * step (the deposit book's contract: durable when {@code save} returns); running each store call in its own
 * transaction keeps that, and keeps transactions short while a service waits minutes for a group signature.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PegTransactions {

    @PersistenceContext
    private EntityManager em;

    public <T> T book(byte[] groupPublicKey, Function<DepositBook, T> work) {
        return work.apply(new JpaDepositBook(em, groupPublicKey));
    }

    public <T> T ledger(Function<Ledger, T> work) {
        return work.apply(new JpaLedger(em, Clock.systemUTC()));
    }
}
