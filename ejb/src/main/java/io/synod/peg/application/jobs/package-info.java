/**
 * Group jobs, framework-free: the runner that decides from chain data alone which job is due and computes its
 * action (so every member computes the same one), and the verifiers with which each member recomputes a job's
 * result from its own nodes before it signs. The caller decides when to run; nothing here keeps time.
 */
package io.synod.peg.application.jobs;
