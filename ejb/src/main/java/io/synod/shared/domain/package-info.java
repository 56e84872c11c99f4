/**
 * The shared kernel: value types for every quantity and identifier that crosses bounded contexts
 * (satoshis, outpoints, epochs, member indices, session ids, identity keys). Each validates itself on
 * construction, so an invalid value cannot exist.
 */
package io.synod.shared.domain;
