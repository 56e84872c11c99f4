package io.synod.peg.domain.ledger;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One balanced movement of value, recorded once under its natural key (for example {@code deposit:<txid>:<vout>}
 * or {@code payout:<txid>}) with the chain evidence it was derived from (block hash and height). Debits equal
 * credits on each side (Bitcoin, sidechain) separately.
 */
public record LedgerEntry(String naturalKey, EntryKind kind, List<Posting> postings, String evidence) {

    public LedgerEntry {
        if (naturalKey == null || naturalKey.isBlank() || naturalKey.length() > 200) {
            throw new IllegalArgumentException("natural key must be 1..200 characters");
        }
        if (kind == null || postings == null || postings.size() < 2) {
            throw new IllegalArgumentException("an entry has a kind and at least two postings");
        }
        if (evidence == null || evidence.isBlank()) {
            throw new IllegalArgumentException("an entry names the chain evidence it comes from");
        }
        postings = List.copyOf(postings);
        Map<Account.Side, Long> net = new EnumMap<>(Account.Side.class);
        for (Posting p : postings) {
            long signed = p.direction() == Posting.Direction.DEBIT ? p.amount().value() : -p.amount().value();
            net.merge(p.account().side(), signed, Math::addExact);
        }
        net.forEach((side, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException("entry " + naturalKey + " does not balance on " + side + " by " + sum);
            }
        });
    }
}
