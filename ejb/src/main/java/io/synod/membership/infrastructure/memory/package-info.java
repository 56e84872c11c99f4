/** The membership book in memory, for the in-process harness and single-process devnets. */
package io.synod.membership.infrastructure.memory;
