/**
 * Round messages: one immutable record per message, a canonical versioned binary encoding (header: version,
 * type, 32-byte session id, round, sender index; fixed-width 32-byte scalars below N, 33-byte compressed points
 * on the curve and not infinity, u16-counted vectors with exactly the expected length), strict decoding with a
 * typed {@link io.synod.threshold.message.DecodeException.Reason}, the signed envelope that carries a message on
 * the public channel, the pluggable identity-signature interfaces and an in-memory broadcast log.
 */
package io.synod.threshold.message;
