package io.synod.chain.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.bitcoinj.script.Script;
import org.junit.jupiter.api.Test;

/** Address codec against BIP 173's published vectors and the well-known base58 forms of the same key hash. */
class BitcoinNetworkTest {

    private static String script(BitcoinNetwork n, String address) {
        return HexFormat.of().formatHex(n.outputScript(address).program());
    }

    @Test
    void bip173VectorsDecodeAndEncodeBack() {
        assertThat(script(BitcoinNetwork.MAINNET, "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"))
                .isEqualTo("0014751e76e8199196d454941c45d1b3a323f1433bd6");
        assertThat(script(BitcoinNetwork.TESTNET, "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7"))
                .isEqualTo("00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262");
        Script p2wpkh = Script.parse(HexFormat.of().parseHex("0014751e76e8199196d454941c45d1b3a323f1433bd6"));
        assertThat(BitcoinNetwork.MAINNET.address(p2wpkh)).isEqualTo("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    }

    @Test
    void base58FormsOfTheSameHash() {
        assertThat(script(BitcoinNetwork.MAINNET, "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH"))
                .isEqualTo("76a914751e76e8199196d454941c45d1b3a323f1433bd688ac");
        Script p2pkh = Script.parse(HexFormat.of().parseHex("76a914751e76e8199196d454941c45d1b3a323f1433bd688ac"));
        assertThat(BitcoinNetwork.MAINNET.address(p2pkh)).isEqualTo("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH");
    }

    @Test
    void eachNetworkRefusesTheOthersAddressesAndRoundTripsItsOwn() {
        Script p2wpkh = Script.parse(HexFormat.of().parseHex("0014751e76e8199196d454941c45d1b3a323f1433bd6"));
        Script p2sh = Script.parse(HexFormat.of().parseHex("a914751e76e8199196d454941c45d1b3a323f1433bd687"));
        for (BitcoinNetwork n : new BitcoinNetwork[] {BitcoinNetwork.BCOIN_REGTEST, BitcoinNetwork.CORE_REGTEST}) {
            for (Script s : new Script[] {p2wpkh, p2sh}) {
                assertThat(n.outputScript(n.address(s)).program()).isEqualTo(s.program());
            }
        }
        assertThat(BitcoinNetwork.BCOIN_REGTEST.address(p2wpkh)).startsWith("rb1q");
        assertThat(BitcoinNetwork.CORE_REGTEST.address(p2wpkh)).startsWith("bcrt1q");
        assertThatThrownBy(() -> BitcoinNetwork.BCOIN_REGTEST.outputScript("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> BitcoinNetwork.BCOIN_REGTEST.outputScript("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH"))
                .isInstanceOf(IllegalArgumentException.class);
        // a corrupted checksum
        assertThatThrownBy(() -> BitcoinNetwork.MAINNET.outputScript("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void moneyAndFeeArithmeticStaysInIntegers() {
        assertThatThrownBy(() -> Satoshis.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Satoshis.of(Satoshis.MAX_MONEY + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Satoshis.of(5).minus(Satoshis.of(6))).isInstanceOf(IllegalArgumentException.class);
        assertThat(FeeRate.satPerVbyte(1).feeFor(141)).isEqualTo(Satoshis.of(141));
        assertThat(new FeeRate(1500).feeFor(3)).isEqualTo(Satoshis.of(5)); // 4.5 rounds up
        assertThat(FeeRate.satPerVbyte(500).clamp(FeeRate.satPerVbyte(1), FeeRate.satPerVbyte(100)))
                .isEqualTo(FeeRate.satPerVbyte(100));
        assertThat(BlockHeight.of(10).confirmationsAt(BlockHeight.of(12))).isEqualTo(3);
        assertThatThrownBy(() -> new Txid("00".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }
}
