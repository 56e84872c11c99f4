package io.synod.coordination.application;

/** Read side of this node's group signing (the web layer shows it under GET /api/v1/group). */
public interface SigningStatusService {

    SigningStatus signingStatus();
}
