package io.synod.peg.domain.pegin;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.deposit.SidechainRecipient;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;

/**
 * The group is asked to sign WrappedBTC's EIP-712 {@code Mint(txid, vout, recipient, amount, epoch)} for one
 * deposit outpoint. Canonical encoding, 72 bytes: txid (32, display order as the contract takes it) ‖ vout (u32)
 * ‖ recipient (20) ‖ amount in satoshis (u64) ‖ epoch (u64), big-endian. Decoding refuses any other length and
 * any value the constructor refuses.
 */
public record MintAction(Outpoint outpoint, SidechainRecipient recipient, Satoshis amount, long epoch)
        implements SignableAction {

    public static final int LENGTH = 72;

    public MintAction {
        Objects.requireNonNull(outpoint, "outpoint");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(amount, "amount");
        if (amount.value() == 0) {
            throw new IllegalArgumentException("a mint of zero");
        }
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs start at 1: " + epoch);
        }
    }

    @Override
    public ActionKind kind() {
        return ActionKind.MINT;
    }

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put(outpoint.txid().displayBytes()).putInt(outpoint.vout())
                .put(recipient.address()).putLong(amount.value()).putLong(epoch).array();
    }

    public static MintAction decode(byte[] encoded) {
        if (encoded == null || encoded.length != LENGTH) {
            throw new IllegalArgumentException("a mint action is " + LENGTH + " bytes, got "
                    + (encoded == null ? "none" : encoded.length));
        }
        ByteBuffer b = ByteBuffer.wrap(encoded);
        byte[] txid = new byte[32];
        b.get(txid);
        int vout = b.getInt();
        byte[] recipient = new byte[20];
        b.get(recipient);
        long amount = b.getLong();
        long epoch = b.getLong();
        MintAction a = new MintAction(new Outpoint(new Txid(HexFormat.of().formatHex(txid)), vout),
                new SidechainRecipient(recipient), Satoshis.of(amount), epoch);
        if (!Arrays.equals(a.encode(), encoded)) {
            throw new IllegalArgumentException("mint action is not canonical");
        }
        return a;
    }

    /** The recipient as the contracts and web3j take it. */
    public String recipientAddress() {
        return recipient.toString();
    }
}
