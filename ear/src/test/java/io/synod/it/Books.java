package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.cli.local.LocalGroup;
import io.synod.cli.local.LocalPostgres;

/**
 * The peg's books at the members, read from the outside: each member's ledger in its own database and its invariant
 * alerts through its REST API. After a story that moved the group's Bitcoin (a stake returned, a stake confiscated,
 * a member joining with the peg's history behind it), every member must come to the same books with no open alert,
 * within a few blocks (a member books an event when its own nodes show it).
 */
final class Books {

    private Books() {
    }

    /** One member's books: the net balance per account and the natural keys of its entries. */
    record Snapshot(Map<String, Long> balances, List<String> keys) {
    }

    /**
     * Waits (mining a Bitcoin block every few seconds) until {@code members} hold the same books and none has an open
     * invariant alert; fails naming what differs. Prints how long it took and how many alerts were ever raised.
     */
    static void assertSettled(String when, ItEnvironment env, LocalGroup group, Collection<LocalGroup.Node> members,
            Duration timeout, String... expectedKeys) throws Exception {
        assertThat(members).as("%s: members to compare", when).hasSizeGreaterThanOrEqualTo(2);
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        Map<Integer, Snapshot> books = new TreeMap<>();
        Map<Integer, List<JsonNode>> open = new TreeMap<>();
        Map<Integer, Integer> ever = new TreeMap<>();
        while (true) {
            books.clear();
            open.clear();
            for (LocalGroup.Node n : members) {
                books.put(n.index(), snapshot(env, n.index()));
                JsonNode alerts = group.api().read(n.baseUrl(), "/api/v1/peg/alerts").orElseThrow();
                List<JsonNode> o = new ArrayList<>();
                alerts.forEach(a -> {
                    if (a.path("open").asBoolean()) {
                        o.add(a);
                    }
                });
                open.put(n.index(), o);
                ever.put(n.index(), alerts.size());
            }
            boolean same = books.values().stream().distinct().count() == 1
                    && books.values().iterator().next().keys().containsAll(List.of(expectedKeys));
            boolean quiet = open.values().stream().allMatch(List::isEmpty);
            if ((same && quiet) || System.nanoTime() > deadline) {
                break;
            }
            env.devnet().mineBitcoin(1);
            Thread.sleep(3_000);
        }
        for (Map.Entry<Integer, List<JsonNode>> e : open.entrySet()) {
            assertThat(e.getValue()).as("%s: open invariant alerts at node-%d", when, e.getKey()).isEmpty();
        }
        Snapshot first = books.values().iterator().next();
        if (expectedKeys.length > 0) {
            assertThat(first.keys()).as("%s: the entries this story's chain events must have made", when)
                    .contains(expectedKeys);
        }
        books.forEach((i, b) -> {
            assertThat(b.balances()).as("%s: node-%d's balances against the first member's", when, i)
                    .isEqualTo(first.balances());
            assertThat(b.keys()).as("%s: node-%d's entries against the first member's", when, i)
                    .isEqualTo(first.keys());
        });
        System.out.printf("%s: %d members hold the same books (%d entries) with no open alert after %.1f s; alerts ever "
                + "raised per member %s; balances %s%n", when, books.size(), first.keys().size(),
                (System.nanoTime() - t0) / 1e9, ever, first.balances());
    }

    /** The running servers of the members of {@code epoch}. */
    static List<LocalGroup.Node> membersOf(LocalGroup group, io.synod.coordination.infrastructure.config.FoundingSetFile founding,
            io.synod.membership.domain.EpochRecord epoch) {
        return group.allNodes().stream().filter(n -> epoch.hasMember(ReshareFaultStory.addressOf(n, founding)))
                .toList();
    }

    /** The member's ledger from its own database. */
    static Snapshot snapshot(ItEnvironment env, int node) throws Exception {
        Map<String, Long> balances = new TreeMap<>();
        List<String> keys = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(env.postgres().jdbcUrl("synod_node_" + node),
                LocalPostgres.USER, "")) {
            try (PreparedStatement s = c.prepareStatement("SELECT account, sum(CASE WHEN direction = 'DEBIT' THEN "
                    + "amount_sats ELSE -amount_sats END) FROM ledger_posting GROUP BY account");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    balances.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT natural_key FROM ledger_entry ORDER BY natural_key");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return new Snapshot(balances, keys);
    }
}
