/**
 * A pure in-memory multi-member harness: all members in one JVM, messages signed with pluggable identity keys,
 * posted to a {@link io.synod.threshold.message.BroadcastLog} (strict decode + signature check before storage)
 * and delivered to every member. Used by the tests and the benchmark; no I/O, no clock (timing is the caller's
 * {@link io.synod.threshold.inprocess.StepObserver}).
 */
package io.synod.threshold.inprocess;
