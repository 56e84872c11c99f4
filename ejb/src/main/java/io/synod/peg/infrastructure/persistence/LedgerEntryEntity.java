package io.synod.peg.infrastructure.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import io.synod.peg.domain.ledger.EntryKind;
import io.synod.peg.domain.ledger.LedgerEntry;
import io.synod.peg.domain.ledger.Posting;
import io.synod.shared.domain.Satoshis;

/** One ledger entry row with its postings; written once, never updated (the table refuses updates). */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "natural_key", nullable = false, length = 200, unique = true)
    private String naturalKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 40)
    private EntryKind kind;

    @Column(name = "evidence", nullable = false, length = 400)
    private String evidence;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "ledger_posting", joinColumns = @JoinColumn(name = "entry_id"))
    @OrderColumn(name = "line")
    private List<LedgerPostingRow> postings = new ArrayList<>();

    protected LedgerEntryEntity() {
    }

    static LedgerEntryEntity of(LedgerEntry entry, Instant now) {
        LedgerEntryEntity e = new LedgerEntryEntity();
        e.naturalKey = entry.naturalKey();
        e.kind = entry.kind();
        e.evidence = entry.evidence();
        e.recordedAt = now;
        entry.postings().forEach(p -> e.postings.add(new LedgerPostingRow(p.account(), p.direction(), p.amount().value())));
        return e;
    }

    LedgerEntry toDomain() {
        List<Posting> lines = postings.stream()
                .map(r -> new Posting(r.account(), r.direction(), Satoshis.of(r.amountSats())))
                .toList();
        return new LedgerEntry(naturalKey, kind, lines, evidence);
    }
}
