/** In-memory implementations of coordination ports, for tests and single-process devnets. */
package io.synod.coordination.infrastructure.memory;
