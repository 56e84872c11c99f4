/**
 * The files through which founders' nodes are configured into one group: each node's founder card (its public
 * keys, written by the node) and the founding set (written by the founders or the local launcher from the cards,
 * read by every node).
 */
package io.synod.coordination.infrastructure.config;
