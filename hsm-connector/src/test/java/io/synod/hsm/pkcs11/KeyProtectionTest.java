package io.synod.hsm.pkcs11;

import io.synod.hsm.support.Fixtures;
import io.synod.hsm.support.SoftHsm;
import io.synod.hsm.support.TestPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

/** The member's secret keys cannot leave the token: attributes say so, and the token refuses to export them. */
class KeyProtectionTest {
    private static TestPool pool;
    private static Pkcs11Token token;

    @BeforeAll
    static void setUp() {
        pool = new TestPool(1, 5_000);
        Fixtures.pooledFactory(pool);
        SoftHsm hsm = SoftHsm.get();
        token = Pkcs11Token.open(new TokenSettings(hsm.library(), SoftHsm.TOKEN,
                PinReference.parse("env:" + SoftHsm.PIN_ENV), "synod"));
    }

    @AfterAll
    static void tearDown() {
        pool.shutdown();
    }

    @Test
    void secretKeysAreSensitiveNeverExtractableAndTheirValueIsUnreadable() {
        try (Pkcs11Session s = token.openSession()) {
            List<KeyAudit> audit = s.auditKeys();
            assertThat(audit).extracting(KeyAudit::label)
                    .containsExactly("synod-identity", "synod-transport", "synod-seal");
            for (KeyAudit k : audit) {
                assertThat(k.extractable()).as(k.label() + " CKA_EXTRACTABLE").isFalse();
                assertThat(k.sensitive()).as(k.label() + " CKA_SENSITIVE").isTrue();
                assertThat(k.neverExtractable()).as(k.label() + " CKA_NEVER_EXTRACTABLE").isTrue();
                assertThat(k.valueReadable()).as(k.label() + " CKA_VALUE readable").isFalse();
                assertThat(k.safe()).isTrue();
            }
        }
    }

    @Test
    void theTokenRefusesToWrapAnyMemberKeyOutAndToMakeItExtractable() throws Exception {
        try (Pkcs11Session s = token.openSession()) {
            Session raw = s.rawSession();
            KeyHandles keys = token.keys();
            long wrapping = raw.generateKey(new Mechanism(CKM_AES_KEY_GEN), AttributeVector.newSecretKey(CKK_AES)
                    .valueLen(32).token(false).wrap(true).unwrap(true).encrypt(true).decrypt(true));
            try {
                for (long target : new long[] {keys.sealKey(), keys.identityPrivate(), keys.transportPrivate()}) {
                    assertThatThrownBy(() -> raw.wrapKey(new Mechanism(CKM_AES_KEY_WRAP_PAD), wrapping, target))
                            .isInstanceOfSatisfying(PKCS11Exception.class, e ->
                                    assertThat(e.getErrorCode()).isEqualTo(CKR_KEY_UNEXTRACTABLE));
                    assertThatThrownBy(() -> raw.setAttributeValues(target, new AttributeVector().extractable(true)))
                            .isInstanceOf(PKCS11Exception.class);
                }
            } finally {
                raw.destroyObject(wrapping);
            }
            assertThat(s.auditKeys()).allMatch(KeyAudit::safe);
        }
    }
}
