/**
 * Benchmarks ({@code synod bench ...}): the threshold core with all members in one JVM, compared in the same
 * run with the DKLs23 peer from {@code ../shared/peers/dkls23}. Figures are printed, never asserted.
 */
package io.synod.cli.bench;
