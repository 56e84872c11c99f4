package io.synod.hsm.api;

/**
 * The public halves of a member's token keys: the identity key (signs the member's protocol messages) and the
 * transport key (other members encrypt shares to it).
 */
public record MemberKeys(EcPublicKey identity, EcPublicKey transport) {
}
