package io.synod.chain.bitcoin;

import java.util.Arrays;
import org.bitcoinj.base.Base58;
import org.bitcoinj.base.Bech32;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.bitcoinj.script.ScriptPattern;

/**
 * Address parameters of one Bitcoin network. bitcoinj knows Core's networks only; bcoin's regtest uses other
 * prefixes ({@code rb}, 0x3c, 0x26), so addresses are encoded here from the parameters, and only the standard
 * forms Synod pays to are accepted: P2PKH, P2SH and segwit v0 (P2WPKH, P2WSH).
 */
public record BitcoinNetwork(String name, String bech32Hrp, int p2pkhVersion, int p2shVersion) {

    public static final BitcoinNetwork MAINNET = new BitcoinNetwork("main", "bc", 0x00, 0x05);
    public static final BitcoinNetwork TESTNET = new BitcoinNetwork("testnet", "tb", 0x6f, 0xc4);
    public static final BitcoinNetwork CORE_REGTEST = new BitcoinNetwork("core-regtest", "bcrt", 0x6f, 0xc4);
    public static final BitcoinNetwork BCOIN_REGTEST = new BitcoinNetwork("bcoin-regtest", "rb", 0x3c, 0x26);

    public BitcoinNetwork {
        if (name == null || name.isBlank() || bech32Hrp == null || bech32Hrp.isBlank()) {
            throw new IllegalArgumentException("network name and bech32 prefix are required");
        }
        if (p2pkhVersion < 0 || p2pkhVersion > 255 || p2shVersion < 0 || p2shVersion > 255 || p2pkhVersion == p2shVersion) {
            throw new IllegalArgumentException("bad base58 versions");
        }
    }

    /** The output script an address of this network pays to; refuses other networks' and non-standard addresses. */
    public Script outputScript(String address) {
        String lower = address.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith(bech32Hrp + "1")) {
            Bech32.Bech32Data data = Bech32.decode(address);
            if (data.encoding != Bech32.Encoding.BECH32 || !data.hrp.equals(bech32Hrp) || data.bytes().length == 0) {
                throw new IllegalArgumentException("not a segwit v0 address of " + name + ": " + address);
            }
            int version = data.bytes()[0];
            byte[] program = convertBits(Arrays.copyOfRange(data.bytes(), 1, data.bytes().length), 5, 8, false);
            if (version != 0 || (program.length != 20 && program.length != 32)) {
                throw new IllegalArgumentException("only segwit v0 P2WPKH/P2WSH addresses: " + address);
            }
            return program.length == 20
                    ? ScriptBuilder.createP2WPKHOutputScript(program)
                    : ScriptBuilder.createP2WSHOutputScript(program);
        }
        byte[] decoded = Base58.decodeChecked(address);
        if (decoded.length != 21) {
            throw new IllegalArgumentException("bad base58 address length: " + address);
        }
        int version = decoded[0] & 0xff;
        byte[] hash = Arrays.copyOfRange(decoded, 1, 21);
        if (version == p2pkhVersion) {
            return ScriptBuilder.createP2PKHOutputScript(hash);
        }
        if (version == p2shVersion) {
            return ScriptBuilder.createP2SHOutputScript(hash);
        }
        throw new IllegalArgumentException("address of another network than " + name + ": " + address);
    }

    /** The address of a standard output script on this network. */
    public String address(Script script) {
        if (ScriptPattern.isP2WPKH(script) || ScriptPattern.isP2WSH(script)) {
            byte[] program = script.getProgram();
            byte[] body = program.length == 22 ? Arrays.copyOfRange(program, 2, 22) : Arrays.copyOfRange(program, 2, 34);
            byte[] five = convertBits(body, 8, 5, true);
            byte[] data = new byte[five.length + 1];
            System.arraycopy(five, 0, data, 1, five.length);
            return Bech32.encode(Bech32.Encoding.BECH32, bech32Hrp, new Bech32.Bech32Bytes(data) { });
        }
        if (ScriptPattern.isP2PKH(script)) {
            return Base58.encodeChecked(p2pkhVersion, ScriptPattern.extractHashFromP2PKH(script));
        }
        if (ScriptPattern.isP2SH(script)) {
            return Base58.encodeChecked(p2shVersion, ScriptPattern.extractHashFromP2SH(script));
        }
        throw new IllegalArgumentException("not a standard output script: " + script);
    }

    private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int maxv = (1 << to) - 1;
        for (byte b : in) {
            int value = b & 0xff;
            if ((value >>> from) != 0) {
                throw new IllegalArgumentException("bad bech32 data");
            }
            acc = (acc << from) | value;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (to - bits)) & maxv);
            }
        } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
            throw new IllegalArgumentException("bad bech32 padding");
        }
        return out.toByteArray();
    }
}
