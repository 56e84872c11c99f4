package io.synod.peg.infrastructure.memory;

import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.DepositBookContract;

class InMemoryDepositBookTest extends DepositBookContract {

    private InMemoryDepositBook book;

    @Override
    protected DepositBook book() {
        book = new InMemoryDepositBook();
        return book;
    }

    @Override
    protected DepositBook reopened() {
        return book;
    }
}
