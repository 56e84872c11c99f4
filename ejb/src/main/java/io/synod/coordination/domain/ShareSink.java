package io.synod.coordination.domain;

import io.synod.shared.domain.SessionId;
import io.synod.threshold.dkg.KeyShare;

/**
 * Where a member's new key share goes when key generation ends: sealed in the HSM in production. The sink takes
 * ownership; the caller wipes nothing it handed over.
 */
@FunctionalInterface
public interface ShareSink {
    void accept(SessionId session, KeyShare share);
}
