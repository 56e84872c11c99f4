package io.synod.chain.bitcoin;

import java.util.Arrays;
import java.util.HexFormat;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptPattern;

/**
 * One payment the group makes: a standard output script (P2PKH, P2SH, P2WPKH or P2WSH, the forms the redemption
 * contract accepts) and an amount at or above that script's dust limit.
 */
public record Payout(byte[] script, Satoshis amount) {

    public Payout {
        script = script.clone();
        Satoshis dust = dustLimit(Script.parse(script));
        if (amount.isLessThan(dust)) {
            throw new IllegalArgumentException("payout of " + amount + " is below the dust limit " + dust);
        }
    }

    public static Payout to(Script script, Satoshis amount) {
        return new Payout(script.program(), amount);
    }

    /** Bitcoin Core's dust limits at the default dust relay fee (3 sat/vB); other scripts are refused. */
    public static Satoshis dustLimit(Script s) {
        if (ScriptPattern.isP2PKH(s)) {
            return Satoshis.of(546);
        }
        if (ScriptPattern.isP2SH(s)) {
            return Satoshis.of(540);
        }
        if (ScriptPattern.isP2WPKH(s)) {
            return Satoshis.of(294);
        }
        if (ScriptPattern.isP2WSH(s)) {
            return Satoshis.of(330);
        }
        throw new IllegalArgumentException("not a standard payout script: " + HexFormat.of().formatHex(s.program()));
    }

    @Override
    public byte[] script() {
        return script.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payout p && Arrays.equals(script, p.script) && amount.equals(p.amount);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(script) + amount.hashCode();
    }

    @Override
    public String toString() {
        return amount + " to " + HexFormat.of().formatHex(script);
    }
}
