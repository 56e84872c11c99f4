package io.synod.coordination.infrastructure.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Row of {@code sealed_key_share}: this member's share of one group epoch, sealed by the HSM, and its public outcome. */
@Entity
@Table(name = "sealed_key_share")
@IdClass(SealedKeyShareEntity.Key.class)
public class SealedKeyShareEntity {

    /** Composite key: group id and epoch. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private byte[] groupId;
        private long epoch;

        public Key() {
        }

        Key(byte[] groupId, long epoch) {
            this.groupId = groupId.clone();
            this.epoch = epoch;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(groupId, k.groupId) && epoch == k.epoch;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(groupId) + Long.hashCode(epoch);
        }
    }

    @Id
    @Column(name = "group_id")
    private byte[] groupId;

    @Id
    @Column(name = "epoch")
    private long epoch;

    @Column(name = "member_index", nullable = false)
    private int memberIndex;

    @Column(name = "threshold", nullable = false)
    private int threshold;

    @Column(name = "group_public_key", nullable = false)
    private byte[] groupPublicKey;

    @Column(name = "commitments", nullable = false)
    private byte[] commitments;

    @Column(name = "members", nullable = false, length = 2000)
    private String members;

    @Column(name = "sealed_share", nullable = false)
    private byte[] sealedShare;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SealedKeyShareEntity() {
    }

    SealedKeyShareEntity(StoredKeyShare s, Instant now) {
        this.groupId = s.groupId();
        this.epoch = s.epoch();
        this.memberIndex = s.memberIndex();
        this.threshold = s.threshold();
        this.groupPublicKey = s.groupPublicKey();
        this.commitments = s.commitments();
        this.members = s.membersText();
        this.sealedShare = s.sealedShare();
        this.createdAt = now;
    }

    StoredKeyShare toStored() {
        return new StoredKeyShare(groupId, epoch, memberIndex, threshold, groupPublicKey, commitments,
                StoredKeyShare.parseMembers(members), sealedShare);
    }
}
