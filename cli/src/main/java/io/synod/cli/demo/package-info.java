/**
 * {@code ./synod demo}: a peg-in and a peg-out against a running local group, as a user does them, with each step
 * timed; {@link io.synod.cli.demo.PegUser} is the user's side, shared with the multi-server story test.
 */
package io.synod.cli.demo;
