package io.synod.peg.application.pegin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.deposit.SidechainRecipient;
import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.infrastructure.persistence.PegDatabase;
import io.synod.peg.infrastructure.persistence.Transactional;
import io.synod.shared.domain.Satoshis;

/**
 * Exactly once across a process restart with each member's state in its own PostgreSQL database: the primary
 * submitter dies after the group signed and before anything reached the sidechain; a new process (new entity
 * manager factory over the same database, new watcher and coordinator) resumes from the saved signature.
 */
class PegInRestartOverPostgresTest {

    private static PegDatabase database;
    private final Map<Integer, PegDatabase.Units> units = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        database = new PegDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @AfterEach
    void close() {
        units.values().forEach(PegDatabase.Units::close);
    }

    @Test
    void aCrashBetweenSigningAndSubmissionResumesFromTheDatabaseWithExactlyOneMint(@TempDir Path dir) throws Exception {
        PegInHarness h = new PegInHarness(dir, PegInHarness.policy(3, 10),
                List.of(10_000_000L, 10_000_000L, 10_000_000L, 10_000_000L), 50, (i, groupKey) -> {
                    try {
                        PegDatabase.Units u = database.fresh();
                        units.put(i, u);
                        return new PegInHarness.Storage(Transactional.book(u, groupKey), Transactional.ledger(u));
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
        SidechainRecipient ivy = PegInHarness.newRecipient();
        Outpoint o = h.pay(h.reveal(ivy, h.rpc.getBlockCount().value() + 200), 333_333);
        h.devnet.mineBitcoin(2);
        h.pollAll();
        PegInHarness.Member primary = h.primary(o);
        primary.restart(new PegInChainTest.DiesOnSubmit(primary.sidechain));
        primary.coordinator.tick();
        assertThat(h.mintedEvents(o)).isZero();

        // The process is gone: its entity manager factory closes; a new one opens the same database.
        PegDatabase.Units old = units.get(primary.index);
        old.close();
        PegDatabase.Units reopened = database.open(old.dataSource());
        units.put(primary.index, reopened);
        primary.reopen(new PegInHarness.Storage(Transactional.book(reopened, h.signing.groupPublicKey()),
                Transactional.ledger(reopened)));
        assertThat(primary.book.find(o).orElseThrow().state()).isEqualTo(PegInState.SIGNED);
        assertThat(primary.book.find(o).orElseThrow().groupSignature()).hasSize(65);

        primary.watcher.poll();
        primary.coordinator.tick();
        h.tickAll();
        assertThat(h.mintedEvents(o)).isEqualTo(1);
        assertThat(h.balanceOf(ivy)).isEqualTo(333_333);
        for (PegInHarness.Member m : h.members.values()) {
            assertThat(m.book.find(o).orElseThrow().state()).as("member " + m.index).isEqualTo(PegInState.MINTED);
            assertThat(m.ledger.balance(Account.WRAPPED_SUPPLY)).isEqualTo(Satoshis.of(333_333));
            assertThat(m.ledger.balance(Account.USERS_DEPOSITED)).isEqualTo(Satoshis.of(333_333));
        }
    }
}
