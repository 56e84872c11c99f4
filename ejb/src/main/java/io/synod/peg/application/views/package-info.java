/**
 * The query side of the peg: what a custody desk sees of it (a redemption's progress, the queues that wait, the
 * one-way-bet guard, the invariant alerts), read from a member's own stores and chain views. Framework-free read
 * models; nothing here changes state.
 */
package io.synod.peg.application.views;
