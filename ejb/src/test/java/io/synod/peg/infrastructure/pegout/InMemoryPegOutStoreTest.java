package io.synod.peg.infrastructure.pegout;

import io.synod.peg.domain.pegout.PegOutStore;
import io.synod.peg.domain.pegout.PegOutStoreContract;

class InMemoryPegOutStoreTest extends PegOutStoreContract {

    @Override
    protected PegOutStore store() {
        return new InMemoryPegOutStore();
    }
}
