package io.synod.threshold.message;

/** A round message: immutable, canonically encoded. */
public sealed interface ThresholdMessage permits DkgDealing, Complaint, DkgFeldman, PresignDealing, PresignProduct,
        PartialSignatureMessage, ReshareDealing, DkgReveal {
    Header header();

    byte[] encode();
}
