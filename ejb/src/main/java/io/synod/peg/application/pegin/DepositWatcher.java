package io.synod.peg.application.pegin;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>A payment made to a script before its reveal was read is not seen (the follower scans each block once):
 * depositors reveal first and pay after the reveal is mined; otherwise the refund branch returns their coins.
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
        readReveals();
        List<RevealedDeposit> reveals = book.reveals();
        if (reveals.isEmpty()) {
            return Optional.empty();
        }
        Map<String, RevealedDeposit> byScript = new HashMap<>();
        reveals.forEach(r -> byScript.put(r.outputScriptHex(), r));
        ChainFollower follower = new ChainFollower(bitcoin, cursor, byScript.keySet(), policy.confirmations(), window,
                startHeight);
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

    private void readReveals() {
        long latest = sidechain.blockNumber();
        if (latest < revealsFrom) {
            return;
        }
        for (PegInSidechain.Reveal r : sidechain.reveals(revealsFrom, latest)) {
            try {
                DepositTerms terms = new DepositTerms(SidechainRecipient.parse(r.recipient()), r.refundPublicKey(),
                        RefundHeight.of(r.refundHeight()), new DepositNonce(r.nonce()));
                book.addReveal(RevealedDeposit.of(r.revealId(), terms, groupPublicKey));
            } catch (IllegalArgumentException e) {
                // The contract checks the shapes; a key off the curve still gets here and can never be a deposit.
                LOG.log(Level.WARNING, "reveal {0} ignored: {1}", new Object[] {r.revealId(), e.getMessage()});
            }
        }
        revealsFrom = latest + 1;
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
