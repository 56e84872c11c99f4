/** In-memory adapters of the peg's domain ports (ledger, deposit store) for fast domain tests and the dev harness. */
package io.synod.peg.infrastructure.memory;
