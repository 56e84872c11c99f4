package io.synod.peg.infrastructure.node;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.ejb.EJBException;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.RevealedDeposit;

/** The node's JPA deposit book, each call in its own transaction ({@link PegTransactions}). */
public final class TransactionalDepositBook implements DepositBook {

    private final PegTransactions tx;
    private final byte[] groupPublicKey;

    public TransactionalDepositBook(PegTransactions tx, byte[] groupPublicKey) {
        this.tx = tx;
        this.groupPublicKey = groupPublicKey.clone();
    }

    @Override
    public boolean addReveal(RevealedDeposit reveal) {
        return call(b -> b.addReveal(reveal));
    }

    @Override
    public List<RevealedDeposit> reveals() {
        return call(DepositBook::reveals);
    }

    @Override
    public Optional<PegInDeposit> find(Outpoint outpoint) {
        return call(b -> b.find(outpoint));
    }

    @Override
    public void save(PegInDeposit deposit) {
        call(b -> {
            b.save(deposit);
            return null;
        });
    }

    @Override
    public List<PegInDeposit> deposits() {
        return call(DepositBook::deposits);
    }

    private <T> T call(Function<DepositBook, T> work) {
        try {
            return tx.book(groupPublicKey, work);
        } catch (EJBException e) {
            throw Unwrapped.of(e);
        }
    }
}
