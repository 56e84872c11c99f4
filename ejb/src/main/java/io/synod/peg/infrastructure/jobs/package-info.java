/** Group-job adapters: the attestation and relay contracts and the wrapped supply through web3j. */
package io.synod.peg.infrastructure.jobs;
