/**
 * Coordination use cases, framework-free: {@link io.synod.coordination.application.GenesisCoordinator} runs one
 * founder's part of genesis key generation over the message board (EJB timers will call its {@code step()}),
 * the board frames and identity signatures it checks, and the post-genesis check of the recorded epoch.
 */
package io.synod.coordination.application;
