package io.synod.coordination.application.signing;

import java.util.Set;

import io.synod.shared.domain.SessionId;
import io.synod.threshold.presign.PresignaturePublic;

/**
 * A signing session as the board shows it: the public record of the presignature its proposal named and the members
 * that posted partial signatures with it by the signing deadline.
 */
public record PresignatureUse(SessionId session, PresignaturePublic presignature, Set<Integer> contributors) {
    public PresignatureUse {
        contributors = Set.copyOf(contributors);
    }
}
