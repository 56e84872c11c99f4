package io.synod.coordination.infrastructure.hsm;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.coordination.domain.ShareSink;
import io.synod.coordination.infrastructure.persistence.StoredKeyShare;
import io.synod.hsm.api.Epoch;
import io.synod.hsm.api.GroupId;
import io.synod.hsm.api.MemberIndex;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealPurpose;
import io.synod.hsm.api.ShareSecret;
import io.synod.hsm.vault.ShareVault;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;

/**
 * Where genesis puts this member's key share: sealed at once by the vault (group id = the genesis session id,
 * epoch 1, purpose {@code key-share}), the plaintext wiped, and only the sealed blob with the public outcome handed
 * on to be stored. The share never exists in clear outside this call and the HSM.
 */
public final class SealingShareSink implements ShareSink {
    public static final long GENESIS_EPOCH = 1;
    private final ShareVault vault;
    private final Consumer<StoredKeyShare> store;
    private final long epoch;
    private final byte[] groupId;

    /** Genesis: the group id is the session id, the share is epoch 1's. */
    public SealingShareSink(ShareVault vault, Consumer<StoredKeyShare> store) {
        this.vault = vault;
        this.store = store;
        this.epoch = GENESIS_EPOCH;
        this.groupId = null;
    }

    /**
     * A resharing: the share belongs to the group {@code groupId} (its genesis session) and to the registry epoch
     * {@code epoch} the resharing starts, whatever the resharing session's own id.
     */
    public SealingShareSink(ShareVault vault, Consumer<StoredKeyShare> store, byte[] groupId, long epoch) {
        if (groupId.length != 32 || epoch < 2) {
            throw new IllegalArgumentException("a reshared share needs the 32-byte group id and an epoch after 1");
        }
        this.vault = vault;
        this.store = store;
        this.epoch = epoch;
        this.groupId = groupId.clone();
    }

    /** The seal context of a member's share of a group epoch (what a signer presents to open it). */
    public static SealContext context(byte[] groupId, int member, long epoch) {
        return new SealContext(GroupId.of(groupId), new MemberIndex(member), new Epoch(epoch), SealPurpose.KEY_SHARE);
    }

    @Override
    public void accept(SessionId session, KeyShare share) {
        byte[] group = groupId != null ? groupId : session.bytes();
        byte[] plain = Scalars.encode(share.secret());
        byte[] sealed;
        try (ShareSecret s = ShareSecret.adopt(plain)) {
            sealed = vault.seal(context(group, share.index(), epoch), s).encode();
        } finally {
            Arrays.fill(plain, (byte) 0);
            share.wipe();
        }
        List<ECPoint> cs = share.group().commitments();
        ByteArrayOutputStream commitments = new ByteArrayOutputStream(33 * cs.size());
        cs.forEach(p -> commitments.writeBytes(Secp256k1.encode(p)));
        List<Integer> members = Arrays.stream(share.group().members().indices()).boxed().toList();
        store.accept(new StoredKeyShare(group, epoch, share.index(), share.group().threshold(),
                share.group().encodedPublicKey(), commitments.toByteArray(), members, sealed));
    }
}
