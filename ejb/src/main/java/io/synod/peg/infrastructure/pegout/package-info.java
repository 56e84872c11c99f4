/**
 * Peg-out adapters: the store in memory and in PostgreSQL (tables of V5__pegout.sql, the redemption sequence as
 * natural key), the group's coins from bcoin's address index, and the redemption contract through web3j.
 */
package io.synod.peg.infrastructure.pegout;
