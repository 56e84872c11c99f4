package io.synod.peg.application.pegin;

import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.synod.chain.CursorStore;
import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.ChainFollower;
import io.synod.chain.bitcoin.FollowerCursor;
import io.synod.chain.bitcoin.FollowerReport;
import io.synod.chain.bitcoin.Payment;
import io.synod.chain.bitcoin.PaymentListener;
import io.synod.chain.bitcoin.deposit.DepositNonce;
import io.synod.chain.bitcoin.deposit.DepositTerms;
import io.synod.chain.bitcoin.deposit.RefundHeight;
import io.synod.chain.bitcoin.deposit.SidechainRecipient;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInPolicy;
import io.synod.peg.domain.pegin.PegInSidechain;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.domain.pegin.RevealedDeposit;

/**
 * Matches revealed deposit scripts with Bitcoin payments. Each poll reads new reveals from the sidechain, then
 * lets a {@link ChainFollower} (over this member's persisted cursor) report payments to the revealed scripts
 * that reached the configured confirmations, and those whose block left the best chain. A confirmed payment is
 * recorded under its outpoint (CONFIRMED, or NON_QUALIFYING / TOO_LATE with the reason, listed for operators)
 * and booked in the ledger; a rolled-back one becomes REORGED (its booking reversed) and is revived only by a
 * later confirmation of the same outpoint. The book is written before the follower saves its cursor, so a crash
 * can only replay an event, which the book ignores.
 *
 * <p>The follower scans each block once, for the scripts revealed so far. The scripts of the reveals read in a poll
 * are looked up again in the blocks the follower remembers (its window), so a payment mined between reading the
 * reveals and scanning its block, or made shortly before its reveal was mined, is still found. A payment older than
 * the window when its reveal is read is not seen: depositors reveal first and pay after the reveal is mined, and the
 * refund branch returns the coins of those who did not.
 */
public final class DepositWatcher {

    private static final Logger LOG = Logger.getLogger(DepositWatcher.class.getName());

    private final BitcoinRpcClient bitcoin;
    private final CursorStore<FollowerCursor> cursor;
    private final PegInSidechain sidechain;
    private final DepositBook book;
    private final Ledger ledger;
    private final PegInPolicy policy;
    private final byte[] groupPublicKey;
    private final BlockHeight startHeight;
    private final int window;
    private long revealsFrom;
    /** Scripts of reveals read but not yet looked up in the remembered blocks. */
    private final Set<String> toLookBack = new HashSet<>();

    public DepositWatcher(BitcoinRpcClient bitcoin, CursorStore<FollowerCursor> cursor, PegInSidechain sidechain,
            DepositBook book, Ledger ledger, PegInPolicy policy, byte[] groupPublicKey, BlockHeight startHeight,
            int window) {
        this.bitcoin = bitcoin;
        this.cursor = cursor;
        this.sidechain = sidechain;
        this.book = book;
        this.ledger = ledger;
        this.policy = policy;
        this.groupPublicKey = groupPublicKey.clone();
        this.startHeight = startHeight;
        this.window = window;
    }

    /** One round: new reveals, then new confirmations and rollbacks. Returns the follower's report (empty tip if nothing watched). */
    public synchronized Optional<FollowerReport> poll() {
        toLookBack.addAll(readReveals());
        List<RevealedDeposit> reveals = book.reveals();
        if (reveals.isEmpty()) {
            return Optional.empty();
        }
        Map<String, RevealedDeposit> byScript = new HashMap<>();
        reveals.forEach(r -> byScript.put(r.outputScriptHex(), r));
        ChainFollower follower = new ChainFollower(bitcoin, cursor, byScript.keySet(), policy.confirmations(), window,
                startHeight);
        int late = follower.lookBack(toLookBack);
        toLookBack.clear(); // only once looked up: a node error before this leaves them for the next poll
        if (late > 0) {
            LOG.info(() -> late + " payment(s) to newly revealed deposit scripts found in already scanned blocks");
        }
        return Optional.of(follower.poll(new PaymentListener() {
            @Override
            public void confirmed(Payment payment, int confirmations) {
                onConfirmed(byScript.get(payment.scriptHex()), payment, confirmations);
            }

            @Override
            public void rolledBack(Payment payment, boolean wasReportedConfirmed) {
                if (wasReportedConfirmed) {
                    onRolledBack(payment);
                }
            }
        }));
    }

    /** Reads the reveals mined since the last call into the book; returns their output scripts (hex). */
    private Set<String> readReveals() {
        long latest = sidechain.blockNumber();
        Set<String> read = new HashSet<>();
        if (latest < revealsFrom) {
            return read;
        }
        for (PegInSidechain.Reveal r : sidechain.reveals(revealsFrom, latest)) {
            try {
                DepositTerms terms = new DepositTerms(SidechainRecipient.parse(r.recipient()), r.refundPublicKey(),
                        RefundHeight.of(r.refundHeight()), new DepositNonce(r.nonce()));
                RevealedDeposit revealed = RevealedDeposit.of(r.revealId(), terms, groupPublicKey);
                book.addReveal(revealed);
                read.add(revealed.outputScriptHex());
            } catch (IllegalArgumentException e) {
                // The contract checks the shapes; a key off the curve still gets here and can never be a deposit.
                LOG.log(Level.WARNING, "reveal {0} ignored: {1}", new Object[] {r.revealId(), e.getMessage()});
            }
        }
        revealsFrom = latest + 1;
        return read;
    }

    private void onConfirmed(RevealedDeposit reveal, Payment p, int confirmations) {
        BlockHeight tip = BlockHeight.of(p.block().height().value() + confirmations - 1);
        Optional<PegInDeposit> known = book.find(p.outpoint());
        PegInDeposit d;
        if (known.isEmpty()) {
            d = PegInDeposit.confirmed(p.outpoint(), p.value(), reveal, p.block());
        } else if (known.get().state() == PegInState.REORGED) {
            d = known.get().reconfirmed(p.block());
        } else {
            return; // replayed after a crash: already recorded
        }
        String why = policy.disqualification(p.value(), reveal.terms().refundHeight(), tip);
        if (why != null) {
            d = d.in(policy.tooLate(tip, reveal.terms().refundHeight()) ? PegInState.TOO_LATE : PegInState.NON_QUALIFYING,
                    why);
        }
        ledger.record(PegEntries.depositConfirmed(sharedOutpoint(p), shared(p.value()), p.block().hash().toString(),
                p.block().height().value()));
        book.save(d);
    }

    private void onRolledBack(Payment p) {
        Optional<PegInDeposit> known = book.find(p.outpoint());
        if (known.isEmpty() || known.get().state() == PegInState.REORGED) {
            return;
        }
        PegInDeposit d = known.get();
        if (d.state() == PegInState.MINTED || d.state() == PegInState.SWEPT) {
            // Deeper than the confirmations: the mint cannot be undone. Never hidden: operators must act.
            LOG.severe(() -> "minted deposit " + p.outpoint() + " was reorganised out of block " + p.block());
            book.save(d.in(d.state(), "ALERT: its block " + p.block() + " left the best chain after minting"));
            return;
        }
        ledger.record(PegEntries.depositReorgedOut(sharedOutpoint(p), shared(p.value()), p.block().hash().toString(),
                p.block().height().value()));
        book.save(d.in(PegInState.REORGED, "block " + p.block() + " left the best chain"));
    }

    static io.synod.shared.domain.Outpoint sharedOutpoint(Payment p) {
        return shared(p.outpoint());
    }

    static io.synod.shared.domain.Outpoint shared(io.synod.chain.bitcoin.Outpoint o) {
        byte[] display = HexFormat.of().parseHex(o.txid().hex());
        byte[] internal = new byte[32];
        for (int i = 0; i < 32; i++) {
            internal[i] = display[31 - i];
        }
        return new io.synod.shared.domain.Outpoint(internal, o.vout());
    }

    static io.synod.shared.domain.Satoshis shared(io.synod.chain.bitcoin.Satoshis s) {
        return io.synod.shared.domain.Satoshis.of(s.value());
    }
}
