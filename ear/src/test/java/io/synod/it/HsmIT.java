package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HSM resource adapter deployed inside the EAR, used by an EJB (the node identity) against a real
 * SoftHSM2 token: readiness reports the token, and the identity key signs a fresh challenge in the token.
 */
@ExtendWith(ArquillianExtension.class)
class HsmIT {

    private static final X9ECParameters CURVE = SECNamedCurves.getByName("secp256k1");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.synodEar();
    }

    private final ApiClient api = new ApiClient();

    @Test
    void readinessIncludesTheToken() {
        var r = api.get("/api/health/ready", null);
        assertThat(ApiClient.json(r.body()).getJsonObject("checks").getString("hsm")).isEqualTo("UP");
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void identityKeySignsAFreshChallengeInsideTheToken() {
        String token = api.userToken("auditor");
        String identity = ApiClient.json(api.get("/api/v1/status", token).body()).getString("identityKey");
        assertThat(identity).matches("0[23][0-9a-f]{64}");

        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        var r = api.get("/api/v1/node/identity-proof?challenge=" + HexFormat.of().formatHex(challenge), token);
        assertThat(r.statusCode()).isEqualTo(200);
        var proof = ApiClient.json(r.body());
        assertThat(proof.getString("identityKey")).isEqualTo(identity);

        BigInteger rr = new BigInteger(proof.getString("r"), 16);
        BigInteger s = new BigInteger(proof.getString("s"), 16);
        assertThat(s).as("low-S").isLessThanOrEqualTo(CURVE.getN().shiftRight(1));
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(CURVE.getCurve().decodePoint(HexFormat.of().parseHex(identity)),
                new ECDomainParameters(CURVE)));
        byte[] digest = HexFormat.of().parseHex(proof.getString("digest"));
        assertThat(verifier.verifySignature(digest, rr, s)).isTrue();
        digest[0] ^= 1;
        assertThat(verifier.verifySignature(digest, rr, s)).isFalse();
    }

    @Test
    void malformedChallengeIsRefusedWithTheField() {
        var r = api.get("/api/v1/node/identity-proof?challenge=abcd", api.userToken("auditor"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(r.body()).getString("detail")).startsWith("challenge:");
    }
}
