package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.BitcoinNetwork;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * The witness script of one peg-in deposit, paid to as P2WSH:
 *
 * <pre>
 * &lt;recipient:20&gt; &lt;nonce:8&gt; OP_2DROP
 * OP_DUP OP_HASH160 &lt;hash160(group key):20&gt; OP_EQUAL
 * OP_IF
 *     OP_CHECKSIG
 * OP_ELSE
 *     OP_DUP OP_HASH160 &lt;hash160(refund key):20&gt; OP_EQUALVERIFY
 *     &lt;refund height&gt; OP_CHECKLOCKTIMEVERIFY OP_DROP
 *     OP_CHECKSIG
 * OP_ENDIF
 * </pre>
 *
 * Both branches take the witness {@code [signature, public key]}; the key presented chooses the branch, so there is
 * no branch selector a third party could malleate. The recipient and nonce are committed by the script hash and
 * dropped before evaluation. Every push is minimal and the height is a minimal script number ({@code OP_1}..
 * {@code OP_16} for 1..16), so the script is standard and {@link #parse} can demand exactly these bytes.
 */
public final class DepositScript {

    static final int OP_0 = 0x00;
    static final int OP_PUSHDATA1 = 0x4c;
    static final int OP_PUSHDATA2 = 0x4d;
    static final int OP_PUSHDATA4 = 0x4e;
    static final int OP_1NEGATE = 0x4f;
    static final int OP_1 = 0x51;
    static final int OP_16 = 0x60;
    static final int OP_IF = 0x63;
    static final int OP_ELSE = 0x67;
    static final int OP_ENDIF = 0x68;
    static final int OP_2DROP = 0x6d;
    static final int OP_DROP = 0x75;
    static final int OP_DUP = 0x76;
    static final int OP_EQUAL = 0x87;
    static final int OP_EQUALVERIFY = 0x88;
    static final int OP_HASH160 = 0xa9;
    static final int OP_CHECKSIG = 0xac;
    static final int OP_CHECKLOCKTIMEVERIFY = 0xb1;

    private static final int HASH160 = 20;

    private final SidechainRecipient recipient;
    private final DepositNonce nonce;
    private final byte[] groupKeyHash;
    private final byte[] refundKeyHash;
    private final RefundHeight refundHeight;
    private final byte[] bytes;

    private DepositScript(SidechainRecipient recipient, DepositNonce nonce, byte[] groupKeyHash, byte[] refundKeyHash,
            RefundHeight refundHeight) {
        this.recipient = Objects.requireNonNull(recipient, "recipient");
        this.nonce = Objects.requireNonNull(nonce, "nonce");
        this.refundHeight = Objects.requireNonNull(refundHeight, "refundHeight");
        if (groupKeyHash.length != HASH160 || refundKeyHash.length != HASH160) {
            throw new IllegalArgumentException("key hashes are 20 bytes");
        }
        if (Arrays.equals(groupKeyHash, refundKeyHash)) {
            // The group branch would always win: the depositor could never refund, the group could spend at once.
            throw new IllegalArgumentException("the refund key must differ from the group key");
        }
        this.groupKeyHash = groupKeyHash.clone();
        this.refundKeyHash = refundKeyHash.clone();
        this.bytes = encode();
    }

    /** The script for {@code terms} paying to the compressed {@code groupPublicKey}. */
    public static DepositScript of(byte[] groupPublicKey, DepositTerms terms) {
        byte[] group = DepositTerms.requireCompressedKey(groupPublicKey, "group");
        return new DepositScript(terms.recipient(), terms.nonce(), hash160(group), hash160(terms.refundPublicKey()),
                terms.refundHeight());
    }

    /**
     * Reads a witness script, accepting only the exact bytes {@link #of} produces for some terms; anything else
     * (another opcode, a non-minimal push or number, a wrong length, a timestamp lock, trailing bytes) is refused
     * with the offset and reason.
     */
    public static DepositScript parse(byte[] script) {
        return new Parser(script).parse();
    }

    private byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        push(out, recipient.address());
        push(out, nonce.bytes());
        out.write(OP_2DROP);
        out.write(OP_DUP);
        out.write(OP_HASH160);
        push(out, groupKeyHash);
        out.write(OP_EQUAL);
        out.write(OP_IF);
        out.write(OP_CHECKSIG);
        out.write(OP_ELSE);
        out.write(OP_DUP);
        out.write(OP_HASH160);
        push(out, refundKeyHash);
        out.write(OP_EQUALVERIFY);
        out.writeBytes(encodeHeight(refundHeight.value()));
        out.write(OP_CHECKLOCKTIMEVERIFY);
        out.write(OP_DROP);
        out.write(OP_CHECKSIG);
        out.write(OP_ENDIF);
        return out.toByteArray();
    }

    private static void push(ByteArrayOutputStream out, byte[] data) {
        // Only 8- and 20-byte data here: a single direct-push opcode is the minimal form.
        out.write(data.length);
        out.writeBytes(data);
    }

    /** The minimal push of a positive height: OP_1..OP_16, else the shortest little-endian script number. */
    static byte[] encodeHeight(long height) {
        if (height >= 1 && height <= 16) {
            return new byte[] {(byte) (OP_1 - 1 + height)};
        }
        ByteArrayOutputStream num = new ByteArrayOutputStream(5);
        long v = height;
        while (v != 0) {
            num.write((int) (v & 0xff));
            v >>>= 8;
        }
        byte[] le = num.toByteArray();
        if ((le[le.length - 1] & 0x80) != 0) {
            le = Arrays.copyOf(le, le.length + 1); // a sign byte keeps the number positive
        }
        byte[] pushed = new byte[le.length + 1];
        pushed[0] = (byte) le.length;
        System.arraycopy(le, 0, pushed, 1, le.length);
        return pushed;
    }

    static byte[] hash160(byte[] publicKey) {
        return ECKey.fromPublicOnly(publicKey).getPubKeyHash();
    }

    public SidechainRecipient recipient() {
        return recipient;
    }

    public DepositNonce nonce() {
        return nonce;
    }

    public RefundHeight refundHeight() {
        return refundHeight;
    }

    public byte[] groupKeyHash() {
        return groupKeyHash.clone();
    }

    public byte[] refundKeyHash() {
        return refundKeyHash.clone();
    }

    /** Whether this script's group branch is spendable by {@code publicKey}. */
    public boolean isGroupKey(byte[] publicKey) {
        return Arrays.equals(hash160(publicKey), groupKeyHash);
    }

    /** Whether this script's refund branch is spendable by {@code publicKey}. */
    public boolean isRefundKey(byte[] publicKey) {
        return Arrays.equals(hash160(publicKey), refundKeyHash);
    }

    /** The witness script itself. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public Script witnessScript() {
        return Script.parse(bytes);
    }

    /** The P2WSH output script {@code OP_0 <sha256(witness script)>} a deposit pays to. */
    public Script outputScript() {
        return ScriptBuilder.createP2WSHOutputScript(Sha256Hash.hash(bytes));
    }

    /** The deposit address on {@code network} (bech32, {@code rb1q…} on bcoin regtest). */
    public String address(BitcoinNetwork network) {
        return network.address(outputScript());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DepositScript d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "DepositScript[" + recipient + ", nonce " + nonce + ", " + refundHeight + ", "
                + HexFormat.of().formatHex(bytes) + "]";
    }

    /** Walks the template byte by byte; every mismatch names the offset and what was expected there. */
    private static final class Parser {

        private final byte[] s;
        private int at;

        Parser(byte[] script) {
            this.s = Objects.requireNonNull(script, "script").clone();
        }

        DepositScript parse() {
            byte[] recipient = data(SidechainRecipient.LENGTH, "recipient");
            byte[] nonce = data(DepositNonce.LENGTH, "nonce");
            op(OP_2DROP, "OP_2DROP");
            op(OP_DUP, "OP_DUP");
            op(OP_HASH160, "OP_HASH160");
            byte[] groupHash = data(HASH160, "group key hash");
            op(OP_EQUAL, "OP_EQUAL");
            op(OP_IF, "OP_IF");
            op(OP_CHECKSIG, "OP_CHECKSIG");
            op(OP_ELSE, "OP_ELSE");
            op(OP_DUP, "OP_DUP");
            op(OP_HASH160, "OP_HASH160");
            byte[] refundHash = data(HASH160, "refund key hash");
            op(OP_EQUALVERIFY, "OP_EQUALVERIFY");
            int heightAt = at;
            long height = height();
            op(OP_CHECKLOCKTIMEVERIFY, "OP_CHECKLOCKTIMEVERIFY");
            op(OP_DROP, "OP_DROP");
            op(OP_CHECKSIG, "OP_CHECKSIG");
            op(OP_ENDIF, "OP_ENDIF");
            if (at != s.length) {
                throw new DepositScriptException(at, (s.length - at) + " trailing bytes after OP_ENDIF");
            }
            if (Arrays.equals(groupHash, refundHash)) {
                throw new DepositScriptException(heightAt, "refund key hash equals the group key hash");
            }
            DepositScript parsed = new DepositScript(new SidechainRecipient(recipient), new DepositNonce(nonce),
                    groupHash, refundHash, RefundHeight.of(height));
            if (!Arrays.equals(parsed.bytes, s)) {
                // Every field was checked for its canonical form above; a difference here is a bug in this parser.
                throw new IllegalStateException("deposit script did not re-encode to the same bytes");
            }
            return parsed;
        }

        private int next(String expected) {
            if (at >= s.length) {
                throw new DepositScriptException(at, "script ends where " + expected + " was expected");
            }
            return s[at++] & 0xff;
        }

        private void op(int opcode, String name) {
            int start = at;
            int found = next(name);
            if (found != opcode) {
                throw new DepositScriptException(start, "expected " + name + ", found " + describe(found));
            }
        }

        private byte[] data(int length, String what) {
            int start = at;
            int found = next("the " + length + "-byte " + what);
            if (found == OP_PUSHDATA1 || found == OP_PUSHDATA2 || found == OP_PUSHDATA4) {
                throw new DepositScriptException(start, "non-minimal push of the " + what + " ("
                        + describe(found) + " where a direct " + length + "-byte push is required)");
            }
            if (found != length) {
                throw new DepositScriptException(start, "expected a " + length + "-byte push of the " + what
                        + ", found " + describe(found));
            }
            if (s.length - at < length) {
                throw new DepositScriptException(start, "script ends inside the " + what + " push");
            }
            byte[] d = Arrays.copyOfRange(s, at, at + length);
            at += length;
            return d;
        }

        private long height() {
            int start = at;
            int found = next("the refund height");
            if (found >= OP_1 && found <= OP_16) {
                return found - OP_1 + 1;
            }
            if (found == OP_0) {
                throw new DepositScriptException(start, "refund height 0 (no timelock)");
            }
            if (found == OP_1NEGATE) {
                throw new DepositScriptException(start, "negative refund height");
            }
            if (found == OP_PUSHDATA1 || found == OP_PUSHDATA2 || found == OP_PUSHDATA4) {
                throw new DepositScriptException(start, "non-minimal push of the refund height (" + describe(found)
                        + ")");
            }
            if (found < 1 || found > 4) {
                throw new DepositScriptException(start, "expected the refund height as a 1- to 4-byte number, found "
                        + describe(found));
            }
            if (s.length - at < found) {
                throw new DepositScriptException(start, "script ends inside the refund height push");
            }
            byte[] le = Arrays.copyOfRange(s, at, at + found);
            at += found;
            int last = le[le.length - 1] & 0xff;
            if ((last & 0x7f) == 0 && (le.length == 1 || (le[le.length - 2] & 0x80) == 0)) {
                throw new DepositScriptException(start, "non-minimal script number for the refund height");
            }
            if ((last & 0x80) != 0) {
                throw new DepositScriptException(start, "negative refund height");
            }
            long value = 0;
            for (int i = le.length - 1; i >= 0; i--) {
                value = (value << 8) | (le[i] & 0xff);
            }
            if (value <= 16) {
                throw new DepositScriptException(start, "non-minimal push of refund height " + value + " (use OP_"
                        + value + ")");
            }
            if (value >= RefundHeight.LOCKTIME_THRESHOLD) {
                throw new DepositScriptException(start, "refund lock " + value + " is a timestamp, not a height");
            }
            return value;
        }

        private static String describe(int opcode) {
            if (opcode >= 1 && opcode <= 75) {
                return "a " + opcode + "-byte push";
            }
            return String.format("opcode 0x%02x", opcode);
        }
    }
}
