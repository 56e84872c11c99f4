package io.synod.hsm.pkcs11;

/**
 * What the token says about one of the member's secret keys.
 *
 * @param label            the key's CKA_LABEL
 * @param extractable      CKA_EXTRACTABLE (must be false)
 * @param sensitive        CKA_SENSITIVE (must be true)
 * @param neverExtractable CKA_NEVER_EXTRACTABLE (true for a key generated non-extractable in the token)
 * @param valueReadable    whether the token released CKA_VALUE (must be false)
 */
public record KeyAudit(String label, boolean extractable, boolean sensitive, boolean neverExtractable,
                       boolean valueReadable) {

    public boolean safe() {
        return !extractable && sensitive && neverExtractable && !valueReadable;
    }
}
