/**
 * The platform's use of the HSM resource adapter ({@code java:/synod/hsm}): the node's identity key and the
 * HSM readiness check. Key shares are sealed through the same adapter by the coordination context.
 */
package io.synod.platform.infrastructure.hsm;
