package io.synod.hsm.api;

import java.util.regex.Pattern;

/**
 * What a sealed blob is for (e.g. {@code key-share}, {@code presign-nonce}); part of the associated data so a blob
 * sealed for one purpose cannot be unsealed as another. Where a member holds many blobs in one group and epoch
 * (pre-signing nonces), the purpose names the instance too, e.g. {@code presign-nonce-} followed by the session id
 * in hex, so blobs cannot be swapped for one another.
 */
public record SealPurpose(String code) {
    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public static final SealPurpose KEY_SHARE = new SealPurpose("key-share");
    public static final SealPurpose PRESIGN_NONCE = new SealPurpose("presign-nonce");
    public static final SealPurpose RESHARE_SUBSHARE = new SealPurpose("reshare-subshare");

    /** The purpose of one instance of a kind, e.g. {@code instance("presign-nonce", sessionIdHex)}. */
    public static SealPurpose instance(String kind, String instanceHex) {
        if (instanceHex == null || !instanceHex.matches("[0-9a-f]{1,48}")) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "instance id must be 1-48 lower-case hex digits");
        }
        return new SealPurpose(kind + "-" + instanceHex);
    }

    public SealPurpose {
        if (code == null || !FORM.matcher(code).matches()) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "seal purpose must match " + FORM + ", was " + code);
        }
    }
}
