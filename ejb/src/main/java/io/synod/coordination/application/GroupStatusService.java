package io.synod.coordination.application;

/** The node's group status, for the API and the portal; never blocks on the chain or the HSM. */
public interface GroupStatusService {
    GroupStatus groupStatus();
}
