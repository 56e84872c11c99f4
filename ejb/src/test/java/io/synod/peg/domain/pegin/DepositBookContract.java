package io.synod.peg.domain.pegin;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.BlockHash;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.BlockRef;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.deposit.DepositNonce;
import io.synod.chain.bitcoin.deposit.DepositTerms;
import io.synod.chain.bitcoin.deposit.RefundHeight;
import io.synod.chain.bitcoin.deposit.SidechainRecipient;

/** What every {@link DepositBook} must do; run against the in-memory and the PostgreSQL book. */
public abstract class DepositBookContract {

    protected static final byte[] GROUP_KEY = new ECKey().getPubKey();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh, empty book for each test (the same one for the whole test). */
    protected abstract DepositBook book();

    /** A second handle on the same stored state, as a restarted member would open it. */
    protected abstract DepositBook reopened();

    private static String hex32() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static RevealedDeposit reveal() {
        byte[] r = new byte[20];
        RANDOM.nextBytes(r);
        return RevealedDeposit.of("0x" + hex32(), new DepositTerms(new SidechainRecipient(r), new ECKey().getPubKey(),
                RefundHeight.of(2_000), DepositNonce.random(RANDOM)), GROUP_KEY);
    }

    private static PegInDeposit deposit(RevealedDeposit r, long sats) {
        return PegInDeposit.confirmed(new Outpoint(new Txid(hex32()), 1), Satoshis.of(sats), r,
                new BlockRef(BlockHeight.of(1_500), new BlockHash(hex32())));
    }

    @Test
    void revealsAreKeptOnceInOrderWithTheSameScript() {
        DepositBook b = book();
        RevealedDeposit first = reveal();
        RevealedDeposit second = reveal();
        assertThat(b.addReveal(first)).isTrue();
        assertThat(b.addReveal(second)).isTrue();
        assertThat(b.addReveal(first)).isFalse();
        assertThat(reopened().reveals()).containsExactly(first, second);
        assertThat(reopened().reveals().get(0).outputScriptHex()).isEqualTo(first.outputScriptHex());
    }

    @Test
    void everyTransitionIsStoredUnderTheOutpointAndSurvivesAReopen() {
        DepositBook b = book();
        RevealedDeposit r = reveal();
        b.addReveal(r);
        PegInDeposit d = deposit(r, 250_000);
        PegInDeposit other = deposit(r, 90_000);
        b.save(d);
        b.save(other);
        byte[] sig = new byte[65];
        RANDOM.nextBytes(sig);
        PegInDeposit signed = d.readyAt(Instant.parse("2026-11-25T10:00:00Z")).in(PegInState.AUTHORISING, "")
                .signed(sig, 3);
        b.save(signed);
        DepositBook again = reopened();
        PegInDeposit back = again.find(d.outpoint()).orElseThrow();
        assertThat(back.state()).isEqualTo(PegInState.SIGNED);
        assertThat(back.groupSignature()).isEqualTo(sig);
        assertThat(back.epoch()).isEqualTo(3);
        assertThat(back.readySince()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(back.reveal()).isEqualTo(r);
        assertThat(back.block()).isEqualTo(d.block());
        assertThat(again.deposits()).extracting(PegInDeposit::outpoint).containsExactly(d.outpoint(), other.outpoint());
        b.save(back.submitted("0x" + hex32()).minted("0xabc"));
        assertThat(reopened().find(d.outpoint()).orElseThrow().state()).isEqualTo(PegInState.MINTED);
        assertThat(reopened().find(d.outpoint()).orElseThrow().mintTx()).isEqualTo("0xabc");
        assertThat(reopened().find(new Outpoint(new Txid(hex32()), 0))).isEmpty();
    }
}
