/**
 * The coordination context's EJBs: the node runtime that drives this member's genesis session on a timer
 * ({@link io.synod.coordination.application.internal.GenesisNode}) and its transactional storage. Thin shells: the
 * protocol is in {@link io.synod.coordination.application.GenesisCoordinator}.
 */
package io.synod.coordination.application.internal;
