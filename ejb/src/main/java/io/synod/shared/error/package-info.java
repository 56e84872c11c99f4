/**
 * The one error model of Synod: every failure a caller can act on is a {@link io.synod.shared.error.SynodException}
 * carrying a stable {@link io.synod.shared.error.ErrorCode}; the web boundary maps it to RFC 9457 problem details.
 */
package io.synod.shared.error;
