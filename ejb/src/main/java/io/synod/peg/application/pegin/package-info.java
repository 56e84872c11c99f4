/**
 * Peg-in application services, framework-free (EJB shells drive them on a timer): the deposit watcher (reveals +
 * Bitcoin payments → confirmed deposits), the mint coordinator (guard, group signature, one submitter with
 * takeover, exactly once per outpoint), the mint and sweep verifiers every member runs, and the sweeper.
 */
package io.synod.peg.application.pegin;
