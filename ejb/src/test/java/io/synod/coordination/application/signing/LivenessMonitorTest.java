package io.synod.coordination.application.signing;

import static io.synod.coordination.application.signing.LivenessMonitor.State.ALERT;
import static io.synod.coordination.application.signing.LivenessMonitor.State.CRITICAL;
import static io.synod.coordination.application.signing.LivenessMonitor.State.HEALTHY;
import static io.synod.coordination.application.signing.LivenessMonitor.State.PAYOUTS_STALLED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.synod.coordination.domain.signing.ApprovalQuorum;

/** The ladder a heartbeat's responder count is judged on, where the payout quorum equals 2t+1 and where it exceeds it. */
class LivenessMonitorTest {

    private static List<LivenessMonitor.State> ladder(int n, int t, int margin) {
        LivenessMonitor m = new LivenessMonitor(new ApprovalQuorum(n, t), margin);
        List<LivenessMonitor.State> out = new ArrayList<>();
        for (int responders = 0; responders <= n; responders++) {
            out.add(m.judge(responders));
        }
        return out;
    }

    @Test
    void atFourMembersPayoutsNeverStallBeforeSigningDoes() {
        // q = 2t+1 = 3: nothing between ALERT and CRITICAL.
        assertThat(ladder(4, 1, 1)).containsExactly(CRITICAL, CRITICAL, CRITICAL, ALERT, HEALTHY);
    }

    @Test
    void atFiveMembersThreeRespondersSignButStallPayouts() {
        // q = 4 of 5: three members still sign heartbeats, mints and sweeps, but no payout.
        assertThat(ladder(5, 1, 1)).containsExactly(CRITICAL, CRITICAL, CRITICAL, PAYOUTS_STALLED, HEALTHY, HEALTHY);
        assertThat(ladder(5, 1, 2)).containsExactly(CRITICAL, CRITICAL, CRITICAL, PAYOUTS_STALLED, ALERT, HEALTHY);
        // Without a margin operators would hear nothing at three of five but for the stall itself.
        assertThat(ladder(5, 1, 0)).containsExactly(CRITICAL, CRITICAL, CRITICAL, PAYOUTS_STALLED, HEALTHY, HEALTHY);
    }

    @Test
    void theStallIsReportedEvenWhenTheMarginIsBelowIt() {
        // n = 7, t = 1 (not a ONE_SPARE size, but a valid epoch): q = 5, 2t+1 + margin = 4.
        assertThat(ladder(7, 1, 1)).containsExactly(CRITICAL, CRITICAL, CRITICAL, PAYOUTS_STALLED, PAYOUTS_STALLED,
                HEALTHY, HEALTHY, HEALTHY);
    }

    @Test
    void aNegativeMarginIsRefused() {
        assertThatThrownBy(() -> new LivenessMonitor(new ApprovalQuorum(4, 1), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
