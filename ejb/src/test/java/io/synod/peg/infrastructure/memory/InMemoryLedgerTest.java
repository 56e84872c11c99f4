package io.synod.peg.infrastructure.memory;

import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.LedgerContract;

class InMemoryLedgerTest extends LedgerContract {

    @Override
    protected Ledger ledger() {
        return new InMemoryLedger();
    }
}
