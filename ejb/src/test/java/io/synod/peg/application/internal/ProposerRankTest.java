package io.synod.peg.application.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ProposerRankTest {

    @Test
    void theNextMemberByRankTakesOverWhileTheProposerIsSuspectedAndHandsBackWhenItIsHeardAgain() {
        ProposerRank rank = ProposerRank.of(List.of(4, 1, 3, 2), 3);
        assertThat(rank.order()).containsExactly(3, 1, 2, 4);
        assertThat(rank.proposer(Set.of())).isEqualTo(3);
        assertThat(rank.proposer(Set.of(3))).isEqualTo(1);
        assertThat(rank.proposer(Set.of(3, 1))).isEqualTo(2);
        assertThat(rank.proposer(Set.of(1))).as("others' silence changes nothing").isEqualTo(3);
        assertThat(rank.proposer(Set.of(1, 2, 3, 4))).as("all suspected: the configured one").isEqualTo(3);
    }

    @Test
    void aProposerOutsideTheGroupIsRefused() {
        assertThatThrownBy(() -> ProposerRank.of(List.of(1, 2), 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
