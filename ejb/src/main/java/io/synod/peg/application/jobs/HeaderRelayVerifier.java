package io.synod.peg.application.jobs;

import java.util.Arrays;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.evm.Eip712;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.peg.domain.jobs.HeaderRelayAction;

/**
 * A member's check of a header relay: the parent is on this member's best chain, every relayed header is byte for
 * byte this node's header at the next heights, and the last one is final here.
 */
public final class HeaderRelayVerifier implements ActionVerifier {

    private final GroupJobsView view;

    public HeaderRelayVerifier(GroupJobsView view) {
        this.view = view;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.HEADER_RELAY;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        HeaderRelayAction a = ActionVerifier.decodeOrRefuse(kind(), encodedAction, HeaderRelayAction::decode);
        if (!a.contract().equals(view.sidechain().relayContract())) {
            throw refuse("contract " + a.contract() + " is not this member's relay contract");
        }
        if (a.epoch() != view.sidechain().currentEpoch()) {
            throw refuse("epoch " + a.epoch() + " is not the current epoch");
        }
        String parent = HexFormat.of().formatHex(a.parentHash());
        JsonNode header;
        try {
            header = view.bitcoin().call("getblockheader", parent, true);
        } catch (RuntimeException e) {
            throw refuse("parent " + parent + " is unknown to this member's node");
        }
        long parentHeight = header.path("height").asLong(-1);
        if (parentHeight < 0 || header.path("confirmations").asLong(-1) < 1) {
            throw refuse("parent " + parent + " is not on this member's best chain");
        }
        long last = parentHeight + a.count();
        if (last > view.finalHeight()) {
            throw refuse("header " + last + " is not final here (final " + view.finalHeight() + ")");
        }
        byte[] headers = a.headers();
        for (int i = 0; i < a.count(); i++) {
            byte[] mine = view.header(parentHeight + 1 + i);
            if (!Arrays.equals(mine, Arrays.copyOfRange(headers, i * 80, (i + 1) * 80))) {
                throw refuse("header " + (parentHeight + 1 + i) + " differs from this member's node");
            }
        }
        return SigningTarget.untweaked(new Eip712(view.sidechain().chainId()).relayHeaders(a.contract(), a.parentHash(),
                headers, a.epoch()));
    }

}
