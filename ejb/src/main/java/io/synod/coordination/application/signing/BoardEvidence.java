package io.synod.coordination.application.signing;

import io.synod.shared.domain.SessionId;
import io.synod.threshold.evidence.Evidence;

/**
 * Evidence this member built itself from identity-signed messages on the board (e.g. a presigning product share whose
 * proofs fail against the session's public commitments): every member that follows the session derives the same
 * from the same log. {@code observer} is this member.
 */
public record BoardEvidence(SessionId session, int observer, Evidence evidence) {
}
