/**
 * The Jakarta Connectors 2.1 outbound resource adapter: the container pools {@link
 * io.synod.hsm.ra.HsmManagedConnection}s (one PKCS#11 session each), hands EJBs lightweight handles, replaces a
 * connection whose session died (connection error event, and validation through
 * {@link jakarta.resource.spi.ValidatingManagedConnectionFactory}). No transactions: token operations are not
 * transactional resources.
 */
package io.synod.hsm.ra;
