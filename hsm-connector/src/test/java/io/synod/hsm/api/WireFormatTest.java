package io.synod.hsm.api;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snapshots of the encodings that end up in storage or on the wire: changing them breaks stored shares. */
class WireFormatTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sealContextAssociatedDataSnapshot() {
        SealContext ctx = new SealContext(GroupId.ofHex("00".repeat(31) + "2a"), new MemberIndex(3), new Epoch(7),
                SealPurpose.KEY_SHARE);
        assertThat(HEX.formatHex(ctx.associatedData())).isEqualTo(
                HEX.formatHex("synod/seal/v1".getBytes()) + "00".repeat(31) + "2a" + "00000003" + "0000000000000007"
                        + "09" + HEX.formatHex("key-share".getBytes()));
        assertThat(HEX.formatHex(AddressedShare.associatedData(ctx)))
                .isEqualTo(HEX.formatHex("synod/addressed/v1".getBytes()) + HEX.formatHex(ctx.associatedData()));
    }

    @Test
    void sealedShareEncodingSnapshotAndStrictDecoding() {
        byte[] nonce = HEX.parseHex("0102030405060708090a0b0c");
        byte[] ct = HEX.parseHex("ff".repeat(17));
        SealedShare s = new SealedShare(nonce, ct);
        assertThat(HEX.formatHex(s.encode())).isEqualTo("01" + "0102030405060708090a0b0c" + "ff".repeat(17));
        assertThat(SealedShare.decode(s.encode())).isEqualTo(s);
        byte[] otherVersion = s.encode();
        otherVersion[0] = 2;
        assertThatThrownBy(() -> SealedShare.decode(otherVersion)).isInstanceOf(HsmException.class);
        assertThatThrownBy(() -> SealedShare.decode(HEX.parseHex("01" + "00".repeat(28))))
                .isInstanceOf(HsmException.class);
    }

    @Test
    void valueTypesRejectOutOfRangeValues() {
        assertThatThrownBy(() -> new MemberIndex(0)).isInstanceOf(HsmException.class);
        assertThatThrownBy(() -> new Epoch(-1)).isInstanceOf(HsmException.class);
        assertThatThrownBy(() -> new SealPurpose("Key Share")).isInstanceOf(HsmException.class);
        assertThatThrownBy(() -> GroupId.of(new byte[31])).isInstanceOf(HsmException.class);
        assertThat(SealPurpose.instance("presign-nonce", "00af").code()).isEqualTo("presign-nonce-00af");
        assertThatThrownBy(() -> SealPurpose.instance("presign-nonce", "XYZ")).isInstanceOf(HsmException.class);
        assertThatThrownBy(() -> new AddressedShare(new byte[33], new byte[12], new byte[17]))
                .isInstanceOf(HsmException.class);
    }
}
