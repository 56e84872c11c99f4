package io.synod.membership.infrastructure.persistence;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.shared.infrastructure.persistence.TrackedRow;
import io.synod.membership.domain.Member;
import io.synod.membership.domain.MemberStatus;
import io.synod.shared.domain.IdentityKey;
import io.synod.shared.domain.MemberIndex;
import io.synod.shared.domain.Outpoint;

@Entity
@Table(name = "member")
public class MemberEntity extends TrackedRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "identity_key", nullable = false, unique = true)
    private byte[] identityKey;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "member_index")
    private Integer memberIndex;

    @Column(name = "stake_txid")
    private byte[] stakeTxid;

    @Column(name = "stake_vout")
    private Integer stakeVout;

    @Column(name = "stake_sats")
    private Long stakeSats;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    private MemberStatus status;

    @Column(name = "joined_epoch")
    private Long joinedEpoch;

    protected MemberEntity() {
    }

    public static MemberEntity candidate(String displayName, IdentityKey key, Instant now) {
        MemberEntity e = new MemberEntity();
        e.displayName = displayName;
        e.identityKey = key.compressed();
        e.status = MemberStatus.CANDIDATE;
        e.created(now);
        return e;
    }

    public Long id() {
        return id;
    }

    public Member toDomain() {
        Optional<Outpoint> stake = stakeTxid == null ? Optional.empty() : Optional.of(new Outpoint(stakeTxid, stakeVout));
        return new Member(id, displayName, new IdentityKey(identityKey), status,
                Optional.ofNullable(memberIndex).map(MemberIndex::new), stake, createdAt);
    }
}
