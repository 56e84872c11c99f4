package io.synod.coordination.infrastructure.memory;

import io.synod.coordination.domain.SessionStore;
import io.synod.coordination.domain.SessionStoreContract;

class InMemorySessionStoreTest extends SessionStoreContract {
    @Override
    protected SessionStore store() {
        return new InMemorySessionStore();
    }
}
