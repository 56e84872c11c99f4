package io.synod.membership.infrastructure.persistence;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import io.synod.membership.domain.MembershipBook;
import io.synod.membership.domain.MembershipBookContract;

/**
 * The membership book contract on PostgreSQL with the V7 schema, each call in its own transaction; "reopened" is a
 * new entity manager factory over the same database, as after a server restart.
 */
class JpaMembershipBookTest extends MembershipBookContract {
    private static MembershipDatabase database;
    private DataSource current;

    @BeforeAll
    static void start() throws Exception {
        database = new MembershipDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @AfterEach
    void closeBooks() {
        database.closeBooks();
    }

    @Override
    protected MembershipBook book() {
        try {
            current = database.fresh();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return database.book(current);
    }

    @Override
    protected MembershipBook reopened() {
        return database.book(current);
    }
}
