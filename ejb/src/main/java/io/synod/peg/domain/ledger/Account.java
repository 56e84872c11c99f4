package io.synod.peg.domain.ledger;

/**
 * Ledger accounts. Bitcoin-side accounts hold satoshis the group controls on Bitcoin; sidechain-side accounts
 * track the wrapped supply. Debits increase asset accounts (BTC_*), credits increase liability and equity
 * accounts. The names are stored in the database: never rename one.
 */
public enum Account {
    /** Bitcoin in deposit outputs not yet swept (per-deposit P2WSH scripts). */
    BTC_DEPOSITS_UNSWEPT(Side.BITCOIN, Kind.ASSET),
    /** Bitcoin in the group's main output(s). */
    BTC_GROUP_MAIN(Side.BITCOIN, Kind.ASSET),
    /** Bitcoin in members' stake outputs paid to the group address. */
    BTC_STAKES(Side.BITCOIN, Kind.ASSET),
    /** What the group owes depositors: deposits received (minted or waiting to be). */
    USERS_DEPOSITED(Side.BITCOIN, Kind.LIABILITY),
    /** What the group owes members: their stakes. */
    MEMBERS_STAKED(Side.BITCOIN, Kind.LIABILITY),
    /** Bitcoin paid out to redeemers. */
    PAID_TO_REDEEMERS(Side.BITCOIN, Kind.EXPENSE),
    /** Stakes returned to departing members. */
    STAKES_RETURNED(Side.BITCOIN, Kind.EXPENSE),
    /** Stakes moved to the forfeiture output. */
    STAKES_CONFISCATED(Side.BITCOIN, Kind.EXPENSE),
    /** Bitcoin transaction fees paid by the group. */
    FEES(Side.BITCOIN, Kind.EXPENSE),
    /** Wrapped BTC in circulation on the sidechain. */
    WRAPPED_SUPPLY(Side.SIDECHAIN, Kind.LIABILITY),
    /** Deposits that may be minted (the mirror of mints to come). */
    MINTABLE(Side.SIDECHAIN, Kind.ASSET),
    /** Wrapped BTC burned by redemptions, awaiting or past payout. */
    BURNED(Side.SIDECHAIN, Kind.EXPENSE);

    /** Which chain's value the account measures; an entry balances per side. */
    public enum Side { BITCOIN, SIDECHAIN }

    /** Debit-normal (ASSET, EXPENSE) or credit-normal (LIABILITY). */
    public enum Kind { ASSET, LIABILITY, EXPENSE }

    private final Side side;
    private final Kind kind;

    Account(Side side, Kind kind) {
        this.side = side;
        this.kind = kind;
    }

    public Side side() {
        return side;
    }

    public Kind kind() {
        return kind;
    }

    public boolean debitNormal() {
        return kind != Kind.LIABILITY;
    }
}
