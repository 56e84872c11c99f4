package io.synod.threshold.inprocess;

import io.synod.threshold.message.MessageSigner;
import io.synod.threshold.message.SignatureVerifier;

/** Members' identity keys: a signer per member and one verifier for all. */
public interface Identities {
    MessageSigner signer(int member);

    SignatureVerifier verifier();
}
