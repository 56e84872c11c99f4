package io.synod.coordination.infrastructure.config;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;

import io.synod.chain.evm.Eip712;
import io.synod.threshold.math.Secp256k1;

/**
 * What a founder's node publishes so the founding set can name it: its identity key (x ‖ y: signs envelopes and
 * board posts; its address is the registry identity), its ECIES key (compressed: dealings are encrypted to it) and
 * the account that pays its board gas (to be funded). Public values only. The node writes it to
 * {@code <server data dir>/synod/founder-card.properties} and shows it at {@code GET /api/v1/group}.
 */
public record FounderCard(byte[] identityKey, byte[] encryptionKey, String gasAddress) {
    public static final String FILE = "synod/founder-card.properties";
    private static final HexFormat HEX = HexFormat.of();

    public FounderCard {
        identityKey = identityKey.clone();
        encryptionKey = encryptionKey.clone();
        if (identityKey.length != 64 || Secp256k1.tryDecode(encryptionKey).isEmpty()
                || gasAddress == null || !gasAddress.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("founder card needs a 64-byte identity key, a compressed ECIES key and "
                    + "a gas address");
        }
        gasAddress = gasAddress.toLowerCase(Locale.ROOT);
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    @Override
    public byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    /** The identity's address: who the board and the registry know. */
    public String identityAddress() {
        return Eip712.addressOf(identityKey).toLowerCase(Locale.ROOT);
    }

    public void write(Path file) {
        TextFiles.replace(file, "identity=" + HEX.formatHex(identityKey) + "\nencryption=" + HEX.formatHex(encryptionKey)
                + "\ngas-address=" + gasAddress + "\nidentity-address=" + identityAddress() + "\n", "founder card");
    }

    public static FounderCard read(Path file) {
        Properties p = TextFiles.load(file, "founder card");
        return new FounderCard(HEX.parseHex(p.getProperty("identity", "")), HEX.parseHex(p.getProperty("encryption", "")),
                p.getProperty("gas-address"));
    }
}
