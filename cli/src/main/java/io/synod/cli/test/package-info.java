/** {@code ./synod test}: installs what the tests need, then runs every unit and integration test through Maven. */
package io.synod.cli.test;
