/**
 * The connection interface the EJBs compile against: a connection factory bound in JNDI, connections that sign
 * with the member's identity key, seal and unseal key shares, and accept shares addressed to this member, plus
 * the value types and the typed {@link io.synod.hsm.api.HsmException}. Nothing here depends on PKCS#11.
 */
package io.synod.hsm.api;
