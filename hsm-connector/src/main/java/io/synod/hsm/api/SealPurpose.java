package io.synod.hsm.api;

import java.util.regex.Pattern;

/**
 * What a sealed blob is for (e.g. {@code key-share}, {@code presign-nonce}); part of the associated data so a blob
 * sealed for one purpose cannot be unsealed as another.
 */
public record SealPurpose(String code) {
    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public static final SealPurpose KEY_SHARE = new SealPurpose("key-share");
    public static final SealPurpose PRESIGN_NONCE = new SealPurpose("presign-nonce");
    public static final SealPurpose RESHARE_SUBSHARE = new SealPurpose("reshare-subshare");

    public SealPurpose {
        if (code == null || !FORM.matcher(code).matches()) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "seal purpose must match " + FORM + ", was " + code);
        }
    }
}
