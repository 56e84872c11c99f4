/**
 * Where a member's threshold key shares rest: always sealed, opened only inside a bounded scope. {@link
 * io.synod.hsm.vault.ShareVault} is the domain interface; {@link io.synod.hsm.vault.HsmShareVault} seals in the
 * PKCS#11 token through the resource adapter; a TEE vault can implement the same interface (see
 * docs/threat-model.md for the attestation it must present). {@link io.synod.hsm.vault.DevSoftwareShareVault}
 * keeps keys in process memory and starts only with the explicit development switch.
 */
package io.synod.hsm.vault;
