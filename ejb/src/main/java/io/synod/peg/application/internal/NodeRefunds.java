package io.synod.peg.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Txid;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.peg.application.pegin.NonQualifyingRefunds;
import io.synod.shared.error.ErrorCode;
import io.synod.shared.error.SynodException;

/**
 * {@link NonQualifyingRefunds} on this server's peg runtime. Outside any transaction: the group's signature takes
 * seconds, and each member's verifier reads its own books.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeRefunds implements NonQualifyingRefunds {

    @Inject
    private PegNodeState state;

    @Override
    public String refund(String outpoint) {
        Outpoint o = parse(outpoint);
        PegRuntime runtime = state.runtime().orElseThrow(() -> new SynodException(ErrorCode.UNAVAILABLE,
                "the peg does not run on this node yet"));
        try {
            return runtime.refund(o).hex();
        } catch (IllegalArgumentException e) {
            throw new SynodException(ErrorCode.NOT_FOUND, e.getMessage());
        } catch (IllegalStateException e) {
            throw new SynodException(ErrorCode.CONFLICT, e.getMessage());
        } catch (SigningFailed e) {
            throw new SynodException(ErrorCode.CONFLICT, "the group did not sign the refund of " + outpoint + ": "
                    + e.getMessage());
        }
    }

    private static Outpoint parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        try {
            if (colon != 64) {
                throw new IllegalArgumentException("not txid:vout");
            }
            return new Outpoint(new Txid(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new SynodException(ErrorCode.INVALID_REQUEST, "not an outpoint (txid:vout): " + text);
        }
    }
}
