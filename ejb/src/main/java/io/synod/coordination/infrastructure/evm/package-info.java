/**
 * Coordination adapters for the sidechain: the message board over the MessageBoard contract, the ceremony board
 * genesis runs on, and recording genesis as epoch 1 of the group's registry.
 */
package io.synod.coordination.infrastructure.evm;
