package io.synod.chain.evm;

/** A deployment failed its self-check; the message names the invariant that does not hold. */
public class DeploymentCheckException extends IllegalStateException {

    public DeploymentCheckException(String invariant) {
        super("deployment check failed: " + invariant);
    }
}
