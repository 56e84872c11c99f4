package io.synod.membership.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.membership.domain.GroupEpoch;
import io.synod.membership.domain.GroupEpochState;
import io.synod.shared.domain.Epoch;

@Entity
@Table(name = "group_epoch")
public class GroupEpochEntity {

    @Id
    @Column(name = "epoch")
    private Long epoch;

    @Column(name = "public_key", nullable = false)
    private byte[] publicKey;

    @Column(name = "threshold", nullable = false)
    private int threshold;

    @Column(name = "member_count", nullable = false)
    private int memberCount;

    @Column(name = "bitcoin_address", nullable = false, length = 100)
    private String bitcoinAddress;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 20)
    private GroupEpochState state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected GroupEpochEntity() {
    }

    public GroupEpoch toDomain() {
        return new GroupEpoch(new Epoch(epoch), publicKey, threshold, memberCount, bitcoinAddress, state);
    }
}
