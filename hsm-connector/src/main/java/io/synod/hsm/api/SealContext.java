package io.synod.hsm.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a sealed share belongs. Its canonical encoding is the AES-GCM associated data, so a blob sealed for one
 * group, member, epoch or purpose fails authentication in any other.
 */
public record SealContext(GroupId group, MemberIndex member, Epoch epoch, SealPurpose purpose) {
    private static final byte[] DOMAIN = "synod/seal/v1".getBytes(StandardCharsets.US_ASCII);

    public SealContext {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(purpose, "purpose");
    }

    /** domain tag, group id (32), member index (u32), epoch (u64), purpose length (u8) and ASCII code. */
    public byte[] associatedData() {
        byte[] purposeBytes = purpose.code().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + purposeBytes.length);
        out.writeBytes(DOMAIN);
        out.writeBytes(group.toBytes());
        out.writeBytes(ByteBuffer.allocate(12).putInt(member.value()).putLong(epoch.value()).array());
        out.write(purposeBytes.length);
        out.writeBytes(purposeBytes);
        return out.toByteArray();
    }
}
