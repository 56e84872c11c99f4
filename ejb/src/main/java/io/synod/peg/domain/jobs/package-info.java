/**
 * Group jobs in the domain's terms: deterministic computations whose results the group threshold-signs and posts
 * on the sidechain. A proof-of-reserves attestation (the group's Bitcoin outputs at a block, against the wrapped
 * supply at a sidechain block) and a relay of Bitcoin block headers. Each action carries the evidence a member needs
 * to recompute it from its own view.
 */
package io.synod.peg.domain.jobs;
