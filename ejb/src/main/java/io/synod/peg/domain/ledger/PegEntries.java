package io.synod.peg.domain.ledger;

import static io.synod.peg.domain.ledger.Posting.credit;
import static io.synod.peg.domain.ledger.Posting.debit;

import java.util.List;

import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * The posting scheme of the peg, one factory per chain event, so that every writer books an event the same way
 * under the same natural key (see docs/protocol.md, "The ledger"). Bitcoin side: assets (BTC_*) and expenses
 * (payouts, returned and confiscated stakes, fees) against what is owed to users and members. Sidechain side:
 * MINTABLE mirrors the wrapped supply in circulation (debited by a mint, credited by a burn).
 */
public final class PegEntries {

    private PegEntries() {
    }

    /** A deposit reached its confirmations in block {@code blockHash}; keyed by outpoint and block. */
    public static LedgerEntry depositConfirmed(Outpoint deposit, Satoshis amount, String blockHash, long height) {
        return new LedgerEntry("deposit:" + deposit + "@" + blockHash, EntryKind.DEPOSIT_CONFIRMED,
                List.of(debit(Account.BTC_DEPOSITS_UNSWEPT, amount), credit(Account.USERS_DEPOSITED, amount)),
                "bitcoin block " + blockHash + "@" + height);
    }

    /** The block that confirmed a booked deposit left the best chain: the reverse entry. */
    public static LedgerEntry depositReorgedOut(Outpoint deposit, Satoshis amount, String blockHash, long height) {
        return new LedgerEntry("deposit-reorged:" + deposit + "@" + blockHash, EntryKind.DEPOSIT_REORGED_OUT,
                List.of(debit(Account.USERS_DEPOSITED, amount), credit(Account.BTC_DEPOSITS_UNSWEPT, amount)),
                "bitcoin block " + blockHash + "@" + height + " orphaned");
    }

    /** The mint of a deposit was mined on the sidechain; one per outpoint, ever. */
    public static LedgerEntry minted(Outpoint deposit, Satoshis amount, String sidechainTx, long sidechainBlock) {
        return new LedgerEntry("mint:" + deposit, EntryKind.MINTED,
                List.of(debit(Account.MINTABLE, amount), credit(Account.WRAPPED_SUPPLY, amount)),
                "sidechain tx " + sidechainTx + "@" + sidechainBlock);
    }

    /** A sweep confirmed: {@code total} left the deposit scripts, {@code total − fee} reached the main output. */
    public static LedgerEntry depositsSwept(String sweepTxid, Satoshis total, Satoshis fee, String blockHash, long height) {
        Satoshis kept = total.minus(fee);
        List<Posting> postings = fee.value() == 0
                ? List.of(debit(Account.BTC_GROUP_MAIN, kept), credit(Account.BTC_DEPOSITS_UNSWEPT, total))
                : List.of(debit(Account.BTC_GROUP_MAIN, kept), debit(Account.FEES, fee),
                        credit(Account.BTC_DEPOSITS_UNSWEPT, total));
        return new LedgerEntry("sweep:" + sweepTxid, EntryKind.DEPOSITS_SWEPT, postings,
                "bitcoin block " + blockHash + "@" + height);
    }

    /** A member's stake output confirmed. */
    public static LedgerEntry stakeConfirmed(Outpoint stake, Satoshis amount, String blockHash, long height) {
        return new LedgerEntry("stake:" + stake, EntryKind.STAKE_CONFIRMED,
                List.of(debit(Account.BTC_STAKES, amount), credit(Account.MEMBERS_STAKED, amount)),
                "bitcoin block " + blockHash + "@" + height);
    }

    /**
     * A member's stake left the group's outputs in a block: given back to a departed member or moved to the forfeiture
     * output of a convicted one. The whole stake leaves the books (the miners' fee of that one-input, one-output
     * transaction comes out of the stake, not out of the group's coins); keyed by the stake's outpoint.
     */
    public static LedgerEntry stakeSpent(Outpoint stake, Satoshis value, boolean confiscated, String spendTxid,
            String blockHash, long height) {
        Account to = confiscated ? Account.STAKES_CONFISCATED : Account.STAKES_RETURNED;
        return new LedgerEntry("stake-spent:" + stake, confiscated ? EntryKind.STAKE_CONFISCATED
                : EntryKind.STAKE_RETURNED, List.of(debit(to, value), credit(Account.BTC_STAKES, value)),
                (confiscated ? "confiscation " : "return ") + spendTxid + " in bitcoin block " + blockHash + "@" + height);
    }

    /** A redemption burned wrapped coins on the sidechain (keyed by the redemption's sequence number). */
    public static LedgerEntry redemptionBurned(long sequence, Satoshis amount, String sidechainTx, long sidechainBlock) {
        return new LedgerEntry("burn:" + sequence, EntryKind.REDEMPTION_BURNED,
                List.of(debit(Account.WRAPPED_SUPPLY, amount), credit(Account.MINTABLE, amount)),
                "sidechain tx " + sidechainTx + "@" + sidechainBlock);
    }

    /** A payout confirmed: {@code paid} to redeemers and {@code fee} to miners, both out of the main output. */
    public static LedgerEntry payoutConfirmed(String payoutTxid, Satoshis paid, Satoshis fee, String blockHash, long height) {
        List<Posting> postings = fee.value() == 0
                ? List.of(debit(Account.PAID_TO_REDEEMERS, paid), credit(Account.BTC_GROUP_MAIN, paid))
                : List.of(debit(Account.PAID_TO_REDEEMERS, paid), debit(Account.FEES, fee),
                        credit(Account.BTC_GROUP_MAIN, paid.plus(fee)));
        return new LedgerEntry("payout:" + payoutTxid, EntryKind.PAYOUT_CONFIRMED, postings,
                "bitcoin block " + blockHash + "@" + height);
    }

    /**
     * A non-qualifying deposit returned to its depositor by the group, the refund confirmed: the whole deposit leaves
     * the deposit scripts and the debt to users (the miners' fee comes out of the depositor's refund, not the group's).
     */
    public static LedgerEntry nonQualifyingRefunded(Outpoint deposit, Satoshis amount, String refundTxid, String blockHash,
            long height) {
        return new LedgerEntry("refund:" + deposit, EntryKind.NON_QUALIFYING_REFUNDED,
                List.of(debit(Account.USERS_DEPOSITED, amount), credit(Account.BTC_DEPOSITS_UNSWEPT, amount)),
                "refund " + refundTxid + " in bitcoin block " + blockHash + "@" + height);
    }
}
