package io.synod.peg.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.synod.peg.application.views.GuardSnapshot;
import io.synod.peg.application.views.GuardSource;
import io.synod.shared.error.ErrorCode;
import io.synod.shared.error.SynodException;

/** The one-way-bet guard as this server's peg runtime computes it (unavailable until the runtime runs). */
@ApplicationScoped
public class NodeGuardSource implements GuardSource {

    @Inject
    private PegNodeState state;

    @Override
    public GuardSnapshot get() {
        return state.runtime().orElseThrow(() -> new SynodException(ErrorCode.UNAVAILABLE,
                "the peg runtime has not started on this node (it starts once the group recorded epoch 2)")).guard();
    }
}
