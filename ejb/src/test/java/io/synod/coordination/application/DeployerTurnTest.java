package io.synod.coordination.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.threshold.math.Secp256k1;

class DeployerTurnTest {

    private static FoundingSet founders(int... indices) {
        List<FoundingMember> ms = new ArrayList<>();
        for (int i : indices) {
            byte[] id = java.util.Arrays.copyOfRange(Secp256k1.mulG(java.math.BigInteger.valueOf(100 + i))
                    .normalize().getEncoded(false), 1, 65);
            ms.add(new FoundingMember(i, id, Secp256k1.mulG(java.math.BigInteger.valueOf(200 + i))));
        }
        return new FoundingSet(ms, 1);
    }

    @Test
    void theLowestIndexDeploysAtOnceAndEachNextOneAfterItsShareOfTakeoverPeriods() {
        FoundingSet f = founders(2, 5, 7, 9);
        Duration takeover = Duration.ofSeconds(60);
        assertThat(new DeployerTurn(f, 2, takeover).due(Duration.ZERO)).isTrue();
        DeployerTurn third = new DeployerTurn(f, 7, takeover);
        assertThat(third.rank()).isEqualTo(2);
        assertThat(third.due(Duration.ofSeconds(119))).isFalse();
        assertThat(third.due(Duration.ofSeconds(120))).isTrue();
        assertThatThrownBy(() -> new DeployerTurn(f, 3, takeover)).hasMessageContaining("no founder");
    }
}
