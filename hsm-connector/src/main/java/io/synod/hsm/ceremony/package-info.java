/**
 * The member key ceremony as a command: generates the member's keys inside an initialised token, prints the public
 * keys to publish, and audits that every secret key is sensitive and never extractable.
 */
package io.synod.hsm.ceremony;
