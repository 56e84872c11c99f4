/** In-memory implementations of membership ports (stake refusals, misbehaviour records) for tests and devnets. */
package io.synod.membership.infrastructure.memory;
