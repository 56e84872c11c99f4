package io.synod.coordination.application.signing;

import io.synod.shared.domain.SessionId;
import io.synod.threshold.evidence.InvalidPartialEvidence;

/**
 * An invalid partial signature as this member has checked it from the board: the evidence frame's accuser, the
 * culprit, the board sequence of the culprit's identity-signed partial, and the threshold core's evidence object
 * (rebuilt from the board: the envelope, this member's copy of the presignature's public record, and the target
 * the members agreed on), which anyone holding the same board log can verify again.
 */
public record PartialFault(SessionId session, int accuser, int culprit, long sequence, InvalidPartialEvidence evidence) {
}
