package io.synod.membership.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.synod.membership.application.MisbehaviourQueries;
import io.synod.membership.infrastructure.persistence.JpaMembershipBook;

/** The membership book as this member keeps it, read in one transaction (a consistent view). */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class DefaultMisbehaviourQueries implements MisbehaviourQueries {

    @PersistenceContext
    private EntityManager em;

    @Override
    public MisbehaviourView misbehaviour() {
        JpaMembershipBook book = new JpaMembershipBook(em);
        return new MisbehaviourView(book.convictions(), book.falseAccusations(), book.exclusions(),
                book.confiscations(), book.tallies());
    }
}
