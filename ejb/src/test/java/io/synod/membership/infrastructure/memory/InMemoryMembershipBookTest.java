package io.synod.membership.infrastructure.memory;

import io.synod.membership.domain.MembershipBook;
import io.synod.membership.domain.MembershipBookContract;

/** The membership book contract in memory ("reopened" is the same object: memory survives no restart). */
class InMemoryMembershipBookTest extends MembershipBookContract {
    private InMemoryMembershipBook book;

    @Override
    protected MembershipBook book() {
        book = new InMemoryMembershipBook();
        return book;
    }

    @Override
    protected MembershipBook reopened() {
        return book;
    }
}
