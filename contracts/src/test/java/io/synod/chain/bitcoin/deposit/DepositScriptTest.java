package io.synod.chain.bitcoin.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.synod.chain.bitcoin.BitcoinNetwork;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;

/** The deposit script's exact bytes, its address, and a parser that accepts that template and nothing else. */
class DepositScriptTest {

    private static final HexFormat HEX = HexFormat.of();
    // The public keys G and 2G (private keys 1 and 2), whose hash160s are well known.
    private static final byte[] GROUP = HEX.parseHex(
            "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    private static final byte[] REFUND = HEX.parseHex(
            "02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5");
    private static final SidechainRecipient RECIPIENT = new SidechainRecipient(HEX.parseHex(
            "000102030405060708090a0b0c0d0e0f10111213"));
    private static final DepositNonce NONCE = DepositNonce.parse("f0e1d2c3b4a59687");
    private static final String KAT_SCRIPT = "14" + "000102030405060708090a0b0c0d0e0f10111213" // recipient
            + "08" + "f0e1d2c3b4a59687" + "6d"                                        // nonce, OP_2DROP
            + "76a9" + "14" + "751e76e8199196d454941c45d1b3a323f1433bd6" + "87"       // DUP HASH160 <G> EQUAL
            + "63" + "ac" + "67"                                                       // IF CHECKSIG ELSE
            + "76a9" + "14" + "06afd46bcdfd22ef94ac122aa11f241244a37ecc" + "88"       // DUP HASH160 <2G> EQUALVERIFY
            + "02dc05" + "b1" + "75" + "ac" + "68";                                    // 1500 CLTV DROP CHECKSIG ENDIF
    // Offsets of opcodes (not data) in the template with a 2-byte height push.
    private static final int[] OPCODE_OFFSETS = {0, 21, 30, 31, 32, 33, 54, 55, 56, 57, 58, 59, 60, 81, 82, 85, 86,
        87, 88};

    private static DepositScript kat() {
        return DepositScript.of(GROUP, new DepositTerms(RECIPIENT, REFUND, RefundHeight.of(1500), NONCE));
    }

    @Test
    void knownAnswerScriptAndAddresses() {
        DepositScript script = kat();
        assertThat(HEX.formatHex(script.bytes())).isEqualTo(KAT_SCRIPT);
        // sha256 of the script, computed independently (Python hashlib) when this vector was made.
        String program = "f268d81ffbc2881118f19a526e1abedcbe1aa167abd8421513f3e3c53d3ed2b7";
        assertThat(HEX.formatHex(script.outputScript().program())).isEqualTo("0020" + program);
        String mainnet = script.address(BitcoinNetwork.MAINNET);
        // bitcoinj's own bech32 encoder agrees with ours on the mainnet form.
        assertThat(mainnet).isEqualTo(SegwitAddress.fromProgram(org.bitcoinj.base.BitcoinNetwork.MAINNET, 0,
                HEX.parseHex(program)).toString());
        assertThat(mainnet).isEqualTo("bc1q7f5ds8lmc2ypzx83nffxux47mjlp4gt840vyy9gn703u20f762ms6r6xrt");
        assertThat(script.address(BitcoinNetwork.BCOIN_REGTEST))
                .isEqualTo("rb1q7f5ds8lmc2ypzx83nffxux47mjlp4gt840vyy9gn703u20f762mstjt0kn");
        assertThat(BitcoinNetwork.BCOIN_REGTEST.outputScript(script.address(BitcoinNetwork.BCOIN_REGTEST)))
                .isEqualTo(script.outputScript());
    }

    @Test
    void parseRoundTripsTheTemplateForManyTermsAndHeights() {
        Random random = new Random(8);
        long[] heights = {1, 2, 16, 17, 127, 128, 255, 256, 1350, 1351, 32767, 32768, 65535, 65536, 8_388_607,
            8_388_608, 16_777_215, 16_777_216, 100_000_000, 499_999_999};
        for (long h : heights) {
            for (int i = 0; i < 5; i++) {
                byte[] recipient = new byte[20];
                byte[] nonce = new byte[8];
                random.nextBytes(recipient);
                random.nextBytes(nonce);
                DepositTerms terms = new DepositTerms(new SidechainRecipient(recipient), new ECKey().getPubKey(),
                        RefundHeight.of(h), new DepositNonce(nonce));
                byte[] group = new ECKey().getPubKey();
                DepositScript script = DepositScript.of(group, terms);
                DepositScript parsed = DepositScript.parse(script.bytes());
                assertThat(parsed).isEqualTo(script);
                assertThat(parsed.recipient()).isEqualTo(terms.recipient());
                assertThat(parsed.nonce()).isEqualTo(terms.nonce());
                assertThat(parsed.refundHeight()).isEqualTo(terms.refundHeight());
                assertThat(parsed.isGroupKey(group)).isTrue();
                assertThat(parsed.isRefundKey(terms.refundPublicKey())).isTrue();
                assertThat(parsed.isGroupKey(terms.refundPublicKey())).isFalse();
            }
        }
    }

    @Test
    void heightIsTheMinimalScriptNumberAsBitcoinjEncodesIt() {
        Random random = new Random(65);
        for (int i = 0; i < 2000; i++) {
            long h = i < 600 ? i + 1 : 1 + random.nextInt(499_999_999);
            assertThat(DepositScript.encodeHeight(h))
                    .as("height %d", h)
                    .isEqualTo(new ScriptBuilder().number(h).build().program());
        }
    }

    @Test
    void sameRecipientWithAnotherNonceGetsAnotherAddress() {
        SecureRandom random = new SecureRandom();
        DepositTerms a = new DepositTerms(RECIPIENT, REFUND, RefundHeight.of(1500), DepositNonce.random(random));
        DepositTerms b = new DepositTerms(RECIPIENT, REFUND, RefundHeight.of(1500), DepositNonce.random(random));
        assertThat(DepositScript.of(GROUP, a).address(BitcoinNetwork.BCOIN_REGTEST))
                .isNotEqualTo(DepositScript.of(GROUP, b).address(BitcoinNetwork.BCOIN_REGTEST));
    }

    @Test
    void everySingleByteMutationIsRefusedOrIsAnotherCanonicalScript() {
        byte[] good = kat().bytes();
        int[] deltas = {0x01, 0x80, 0xff};
        for (int i = 0; i < good.length; i++) {
            for (int d : deltas) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) d;
                Throwable t = catchThrowable(() -> DepositScript.parse(bad));
                final int at = i;
                if (Arrays.stream(OPCODE_OFFSETS).anyMatch(o -> o == at)) {
                    assertThat(t).as("opcode byte %d ^ %02x", i, d).isInstanceOf(DepositScriptException.class);
                } else if (t == null) {
                    // A changed data byte is another deposit's script: it must re-encode to exactly those bytes.
                    assertThat(DepositScript.parse(bad).bytes()).isEqualTo(bad);
                } else {
                    assertThat(t).as("byte %d ^ %02x", i, d).isInstanceOf(DepositScriptException.class);
                }
            }
            byte[] deleted = new byte[good.length - 1];
            System.arraycopy(good, 0, deleted, 0, i);
            System.arraycopy(good, i + 1, deleted, i, good.length - i - 1);
            assertThatThrownBy(() -> DepositScript.parse(deleted)).isInstanceOf(DepositScriptException.class);
            byte[] inserted = new byte[good.length + 1];
            System.arraycopy(good, 0, inserted, 0, i);
            inserted[i] = good[i];
            System.arraycopy(good, i, inserted, i + 1, good.length - i);
            assertThatThrownBy(() -> DepositScript.parse(inserted)).isInstanceOf(DepositScriptException.class);
            byte[] truncated = Arrays.copyOf(good, i);
            assertThatThrownBy(() -> DepositScript.parse(truncated)).isInstanceOf(DepositScriptException.class);
        }
    }

    @Test
    void refusesEachKindOfDeviationWithAPreciseReason() {
        String recipient = "000102030405060708090a0b0c0d0e0f10111213";
        String tail = KAT_SCRIPT.substring(42);
        refused("4c14" + recipient + tail, 0, "non-minimal push of the recipient");
        refused("13" + recipient.substring(2) + tail, 0, "expected a 20-byte push of the recipient, found a 19-byte push");
        refused(KAT_SCRIPT.replace("08f0e1d2c3b4a59687", "09f0e1d2c3b4a5968700"), 21,
                "expected a 8-byte push of the nonce, found a 9-byte push");
        refused(KAT_SCRIPT.replace("596876d", "5968775"), 30, "expected OP_2DROP, found opcode 0x75");
        refused(KAT_SCRIPT.replace("02dc05b1", "02dc05b2"), 85, "expected OP_CHECKLOCKTIMEVERIFY, found opcode 0xb2");
        refused(KAT_SCRIPT.replace("bd68763ac67", "bd68863ac67"), 54, "expected OP_EQUAL, found opcode 0x88");
        refused(KAT_SCRIPT.replace("02dc05b1", "03dc0500b1"), 82, "non-minimal script number");
        refused(KAT_SCRIPT.replace("02dc05b1", "4c02dc05b1"), 82, "non-minimal push of the refund height");
        refused(KAT_SCRIPT.replace("02dc05b1", "0105b1"), 82, "use OP_5");
        refused(KAT_SCRIPT.replace("02dc05b1", "00b1"), 82, "refund height 0");
        refused(KAT_SCRIPT.replace("02dc05b1", "4fb1"), 82, "negative refund height");
        refused(KAT_SCRIPT.replace("02dc05b1", "02dc85b1"), 82, "negative refund height");
        refused(KAT_SCRIPT.replace("02dc05b1", "040065cd1db1"), 82, "timestamp, not a height");   // 500,000,000
        refused(KAT_SCRIPT.replace("02dc05b1", "0500000000010b1".substring(0, 12) + "b1"), 82,
                "as a 1- to 4-byte number, found a 5-byte push");
        refused(KAT_SCRIPT + "00", 89, "1 trailing bytes after OP_ENDIF");
        refused(KAT_SCRIPT.substring(0, KAT_SCRIPT.length() - 2), 88, "script ends where OP_ENDIF was expected");
        refused("", 0, "script ends where the 20-byte recipient was expected");
        refused(KAT_SCRIPT.replace("06afd46bcdfd22ef94ac122aa11f241244a37ecc",
                "751e76e8199196d454941c45d1b3a323f1433bd6"), 82, "refund key hash equals the group key hash");
        // The same script with OP_1..OP_16 heights is accepted only in that form.
        DepositScript low = DepositScript.of(GROUP, new DepositTerms(RECIPIENT, REFUND, RefundHeight.of(16), NONCE));
        assertThat(HEX.formatHex(low.bytes())).contains("8860b175ac68");
        assertThat(DepositScript.parse(low.bytes()).refundHeight().value()).isEqualTo(16);
    }

    @Test
    void termsRefuseUncompressedOrEqualKeysAndNonHeights() {
        byte[] uncompressed = ECKey.fromPublicOnly(REFUND).decompress().getPubKey();
        assertThatThrownBy(() -> new DepositTerms(RECIPIENT, uncompressed, RefundHeight.of(1500), NONCE))
                .hasMessageContaining("compressed");
        byte[] offCurve = new byte[33]; // x = 2^256 - 1 is not a field element
        java.util.Arrays.fill(offCurve, (byte) 0xff);
        offCurve[0] = 2;
        assertThatThrownBy(() -> new DepositTerms(RECIPIENT, offCurve, RefundHeight.of(1500), NONCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DepositScript.of(GROUP, new DepositTerms(RECIPIENT, GROUP, RefundHeight.of(1500),
                NONCE))).hasMessageContaining("refund key must differ");
        assertThatThrownBy(() -> RefundHeight.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefundHeight.of(500_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SidechainRecipient.parse("0x1234")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SidechainRecipient.parse("0x000102030405060708090A0B0C0D0E0F10111213")).isEqualTo(RECIPIENT);
    }

    private static void refused(String hex, int offset, String reason) {
        Consumer<DepositScriptException> check = e -> {
            assertThat(e.reason()).contains(reason);
            assertThat(e.offset()).isEqualTo(offset);
        };
        assertThatThrownBy(() -> DepositScript.parse(HEX.parseHex(hex)))
                .isInstanceOfSatisfying(DepositScriptException.class, check);
    }
}
