package io.synod.membership.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.membership.domain.ConfiscationRecord;
import io.synod.shared.domain.Outpoint;

/** The confiscation record's wire format: fixed layout (snapshot), strict decode, kind code 8. */
class ConfiscationRecordActionTest {
    private static final ConfiscationRecordAction ACTION = new ConfiscationRecordAction(
            "0x" + "11".repeat(20), new ConfiscationRecord("0x" + "AB".repeat(20),
                    Outpoint.parse("01".repeat(31) + "02:7"), "cd".repeat(32), filled(0xee), 3));

    private static byte[] filled(int b) {
        byte[] out = new byte[32];
        Arrays.fill(out, (byte) b);
        return out;
    }

    @Test
    void encodesRegistryMemberStakeTransactionEvidenceAndEpochInAFixedLayout() {
        byte[] b = ACTION.encode();
        assertThat(ACTION.kind()).isEqualTo(ActionKind.CONFISCATION_RECORD);
        assertThat(ACTION.kind().code()).isEqualTo(8);
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("11".repeat(20) + "ab".repeat(20) + "02" + "01".repeat(31)
                + "00000007" + "cd".repeat(32) + "ee".repeat(32) + "0000000000000003");
        assertThat(ConfiscationRecordAction.decode(b)).isEqualTo(ACTION);
    }

    @Test
    void decodingRefusesAnyOtherLengthAndZeroFields() {
        byte[] b = ACTION.encode();
        assertThatThrownBy(() -> ConfiscationRecordAction.decode(Arrays.copyOf(b, b.length - 1)))
                .hasMessageContaining("148 bytes");
        assertThatThrownBy(() -> ConfiscationRecordAction.decode(Arrays.copyOf(b, b.length + 1)))
                .hasMessageContaining("148 bytes");
        byte[] zeroTx = b.clone();
        Arrays.fill(zeroTx, 76, 108, (byte) 0);
        assertThatThrownBy(() -> ConfiscationRecordAction.decode(zeroTx)).hasMessageContaining("not zero");
        byte[] epochZero = b.clone();
        epochZero[147] = 0;
        assertThatThrownBy(() -> ConfiscationRecordAction.decode(epochZero)).hasMessageContaining("epoch");
    }
}
