package io.synod.coordination.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.SignedEnvelope;

class BoardFrameTest {
    private static final SessionId SESSION = new SessionId(new byte[32]);

    @Test
    void roundDoneWireFormatSnapshot() {
        byte[] sig = new byte[64];
        Arrays.fill(sig, (byte) 0xab);
        byte[] wire = new BoardFrame.RoundDone(3, 0x0102, sig).encode();
        assertThat(HexFormat.of().formatHex(wire)).isEqualTo("02030102" + "ab".repeat(64));
        BoardFrame back = BoardFrame.decode(wire).orElseThrow();
        assertThat(back).isInstanceOf(BoardFrame.RoundDone.class);
        assertThat(((BoardFrame.RoundDone) back).round()).isEqualTo(3);
        assertThat(back.sender()).isEqualTo(0x0102);
    }

    @Test
    void envelopeWireFormatSnapshot() {
        byte[] payload = {1, 2, 3};
        byte[] sig = new byte[64];
        Arrays.fill(sig, (byte) 0xcd);
        byte[] wire = new BoardFrame.Envelope(new SignedEnvelope(payload, sig)).encode();
        assertThat(HexFormat.of().formatHex(wire)).isEqualTo("0100000003010203" + "cd".repeat(64));
        BoardFrame.Envelope back = (BoardFrame.Envelope) BoardFrame.decode(wire).orElseThrow();
        assertThat(back.envelope()).isEqualTo(new SignedEnvelope(payload, sig));
    }

    @Test
    void anythingNotExactlyCanonicalIsRefused() {
        byte[] sig = new byte[64];
        byte[] done = new BoardFrame.RoundDone(1, 4, sig).encode();
        byte[] env = new BoardFrame.Envelope(new SignedEnvelope(new byte[] {9}, sig)).encode();
        assertThat(BoardFrame.decode(new byte[0])).isEmpty();
        assertThat(BoardFrame.decode(Arrays.copyOf(done, done.length + 1))).isEmpty();
        assertThat(BoardFrame.decode(Arrays.copyOf(done, done.length - 1))).isEmpty();
        assertThat(BoardFrame.decode(Arrays.copyOf(env, env.length + 1))).isEmpty();
        assertThat(BoardFrame.decode(Arrays.copyOf(env, env.length - 1))).isEmpty();
        byte[] kind = done.clone();
        kind[0] = 3;
        assertThat(BoardFrame.decode(kind)).isEmpty();
        byte[] round0 = done.clone();
        round0[1] = 0;
        assertThat(BoardFrame.decode(round0)).isEmpty();
        byte[] round6 = done.clone();
        round6[1] = 6;
        assertThat(BoardFrame.decode(round6)).isEmpty();
        byte[] sender0 = done.clone();
        sender0[2] = 0;
        sender0[3] = 0;
        assertThat(BoardFrame.decode(sender0)).isEmpty();
        byte[] negativeLength = env.clone();
        negativeLength[1] = (byte) 0x80;
        assertThat(BoardFrame.decode(negativeLength)).isEmpty();
    }

    @Test
    void roundDoneSignatureBindsSessionRoundAndSender() {
        BigInteger key = BigInteger.valueOf(0x5eed);
        var signer = IdentityKeys.softwareSigner(key);
        BoardFrame.RoundDone d = BoardFrame.RoundDone.sign(SESSION, 2, 1, signer);
        byte[] other = new byte[32];
        other[0] = 1;
        List<FoundingMember> ms = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            byte[] id = Arrays.copyOfRange(Secp256k1.mulG(key.add(BigInteger.valueOf(i - 1))).getEncoded(false), 1, 65);
            ms.add(new FoundingMember(i, id, Secp256k1.G));
        }
        SignatureVerifier verifier = IdentityKeys.verifier(new FoundingSet(ms, 1));
        assertThat(d.verify(SESSION, verifier)).isTrue();
        assertThat(d.verify(new SessionId(other), verifier)).isFalse();
        assertThat(new BoardFrame.RoundDone(3, 1, d.signature()).verify(SESSION, verifier)).isFalse();
        assertThat(new BoardFrame.RoundDone(2, 2, d.signature()).verify(SESSION, verifier)).isFalse();
        assertThat(new BoardFrame.RoundDone(2, 5, d.signature()).verify(SESSION, verifier)).as("not a founder").isFalse();
    }
}
