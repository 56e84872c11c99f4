/** Coordination domain: session kinds and states. */
package io.synod.coordination.domain;
