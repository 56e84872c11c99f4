package io.synod.hsm.vault;

import io.synod.hsm.api.AddressedShare;
import io.synod.hsm.api.Epoch;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareSecret;
import io.synod.hsm.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract every {@link ShareVault} meets; one subclass per implementation. */
abstract class ShareVaultContract {
    private static final SecureRandom RANDOM = new SecureRandom();

    protected abstract ShareVault vault();

    private static byte[] share() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    @Test
    void aSealedShareOpensOnlyInsideTheScopeAndIsWipedAfter() {
        byte[] original = share();
        SealedShare sealed = vault().seal(Fixtures.context(), ShareSecret.copyOf(original));
        ShareSecret[] leaked = new ShareSecret[1];
        byte[] copy = vault().withShare(Fixtures.context(), sealed, s -> {
            leaked[0] = s;
            return s.bytes().clone();
        });
        assertThat(copy).isEqualTo(original);
        assertThat(leaked[0].isWiped()).isTrue();
    }

    @Test
    void theShareIsWipedEvenWhenTheScopeThrows() {
        SealedShare sealed = vault().seal(Fixtures.context(), ShareSecret.copyOf(share()));
        ShareSecret[] leaked = new ShareSecret[1];
        assertThatThrownBy(() -> vault().withShare(Fixtures.context(), sealed, s -> {
            leaked[0] = s;
            throw new IllegalStateException("protocol step failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(leaked[0].isWiped()).isTrue();
    }

    @Test
    void anotherContextOrATamperedBlobIsRejectedBeforeTheScopeRuns() {
        SealContext ctx = Fixtures.context();
        SealedShare sealed = vault().seal(ctx, ShareSecret.copyOf(share()));
        SealContext later = new SealContext(ctx.group(), ctx.member(), new Epoch(ctx.epoch().value() + 1),
                ctx.purpose());
        assertThatThrownBy(() -> vault().withShare(later, sealed, s -> {
            throw new AssertionError("must not run");
        })).isInstanceOfSatisfying(HsmException.class,
                e -> assertThat(e.failure()).isEqualTo(HsmFailure.AUTHENTICATION_FAILED));
        byte[] bad = sealed.encode();
        bad[bad.length - 5] ^= 0x40;
        assertThatThrownBy(() -> vault().withShare(ctx, SealedShare.decode(bad), s -> {
            throw new AssertionError("must not run");
        })).isInstanceOfSatisfying(HsmException.class,
                e -> assertThat(e.failure()).isEqualTo(HsmFailure.AUTHENTICATION_FAILED));
    }

    @Test
    void aShareAddressedToTheTransportKeyIsAcceptedAndResealed() {
        byte[] original = share();
        SealContext ctx = Fixtures.context();
        AddressedShare addressed = AddressedShareCipher.encryptTo(vault().transportKey(), ctx,
                ShareSecret.copyOf(original), RANDOM);
        SealedShare stored = vault().acceptAddressed(ctx, addressed);
        byte[] copy = vault().withShare(ctx, stored, s -> s.bytes().clone());
        assertThat(copy).isEqualTo(original);
    }

    @Test
    void aShareAddressedForAnotherContextIsRefused() {
        SealContext ctx = Fixtures.context();
        AddressedShare addressed = AddressedShareCipher.encryptTo(vault().transportKey(), ctx,
                ShareSecret.copyOf(share()), RANDOM);
        SealContext other = new SealContext(Fixtures.group("elsewhere"), ctx.member(), ctx.epoch(), ctx.purpose());
        assertThatThrownBy(() -> vault().acceptAddressed(other, addressed)).isInstanceOfSatisfying(
                HsmException.class, e -> assertThat(e.failure()).isEqualTo(HsmFailure.AUTHENTICATION_FAILED));
    }

    @Test
    void theVaultReportsReady() {
        assertThat(vault().readiness().ready()).isTrue();
        assertThat(vault().kind()).isNotBlank();
    }
}
