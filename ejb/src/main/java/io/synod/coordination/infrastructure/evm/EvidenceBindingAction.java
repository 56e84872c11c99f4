package io.synod.coordination.infrastructure.evm;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import io.synod.chain.evm.SynodDeployment;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;

/**
 * "Bind this evidence contract to this registry at this epoch", for the contracts the deployer put on chain after
 * genesis. It names all five addresses (not only the two the EIP-712 message covers): the signed action is how
 * every member learns where the group's contracts are, and each member checks all five before approving.
 * Encoding: chain id (8) ‖ registry ‖ token ‖ redemption ‖ board ‖ evidence (20 each) ‖ epoch (8).
 */
public record EvidenceBindingAction(long chainId, SynodDeployment.Addresses addresses, long epoch)
        implements SignableAction {
    public static final int ENCODED_BYTES = 8 + 5 * 20 + 8;
    private static final HexFormat HEX = HexFormat.of();

    public EvidenceBindingAction {
        if (chainId < 1 || epoch < 1) {
            throw new IllegalArgumentException("chain id and epoch must be positive");
        }
    }

    @Override
    public ActionKind kind() {
        return ActionKind.EVIDENCE_BINDING;
    }

    @Override
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(ENCODED_BYTES).putLong(chainId);
        for (String a : java.util.List.of(addresses.registry(), addresses.token(), addresses.redemption(),
                addresses.board(), addresses.evidence())) {
            b.put(HEX.parseHex(a.substring(2)));
        }
        return b.putLong(epoch).array();
    }

    /** Strict decode: exact length, non-zero addresses, positive chain id and epoch. */
    public static EvidenceBindingAction decode(byte[] encoded) {
        if (encoded.length != ENCODED_BYTES) {
            throw new IllegalArgumentException("evidence binding must be " + ENCODED_BYTES + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(encoded);
        long chain = in.getLong();
        String[] a = new String[5];
        for (int i = 0; i < 5; i++) {
            byte[] x = new byte[20];
            in.get(x);
            a[i] = "0x" + HEX.formatHex(x);
        }
        return new EvidenceBindingAction(chain, new SynodDeployment.Addresses(a[0], a[1], a[2], a[3], a[4]),
                in.getLong());
    }
}
