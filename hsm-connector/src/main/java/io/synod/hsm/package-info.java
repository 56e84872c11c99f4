/**
 * Synod's access to a member's hardware security module. {@code api} is what the EJBs see; {@code ra} is the
 * Jakarta Connectors resource adapter the container pools; {@code pkcs11} is the one PKCS#11 binding used in the JVM;
 * {@code vault} stores threshold key shares sealed, whichever sealing device backs it.
 */
package io.synod.hsm;
