package io.synod.chain.evm;

import static io.synod.chain.evm.Sidechain.assertReverts;
import static org.assertj.core.api.Assertions.assertThat;

import io.synod.chain.evm.contracts.WrappedBTC;
import java.math.BigInteger;
import java.util.Arrays;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** The deposit reveal of WrappedBTC on a real anvil: one event per script, every field as sent, bad input refused. */
class DepositRevealTest {

    private final Sidechain chain = new Sidechain();
    private WrappedBTC token;
    private String tokenAddress;

    @BeforeEach
    void deploy() {
        SynodDeployment d = chain.deploy();
        token = d.token();
        tokenAddress = d.addresses().token();
    }

    @Test
    void aRevealAnnouncesTheScriptParametersOnce() throws Exception {
        String recipient = Sidechain.address(Sidechain.key());
        byte[] nonce = Arrays.copyOf(Sidechain.random32(), 8);
        byte[] refundKey = new ECKey().getPubKey();
        TransactionReceipt r = token.revealDeposit(recipient, nonce, refundKey, BigInteger.valueOf(2_000)).send();
        var events = WrappedBTC.getDepositRevealedEvents(r);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.recipient).isEqualToIgnoringCase(recipient);
            assertThat(e.nonce).isEqualTo(nonce);
            assertThat(e.refundPublicKey).isEqualTo(refundKey);
            assertThat(e.refundHeight).isEqualTo(BigInteger.valueOf(2_000));
            try {
                assertThat(token.revealed(e.revealId).send()).isTrue();
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        });
        assertReverts(chain.operator, tokenAddress, token.revealDeposit(recipient, nonce, refundKey,
                BigInteger.valueOf(2_000)), "AlreadyRevealed(bytes32)", true);
        // another height is another script: a second reveal
        assertThat(WrappedBTC.getDepositRevealedEvents(token.revealDeposit(recipient, nonce, refundKey,
                BigInteger.valueOf(2_001)).send())).hasSize(1);
    }

    @Test
    void malformedParametersAreRefused() {
        String recipient = Sidechain.address(Sidechain.key());
        byte[] nonce = new byte[8];
        byte[] key = new ECKey().getPubKey();
        byte[] uncompressed = new ECKey().decompress().getPubKey();
        byte[] badPrefix = key.clone();
        badPrefix[0] = 0x04;
        assertReverts(chain.operator, tokenAddress, token.revealDeposit("0x" + "0".repeat(40), nonce, key,
                BigInteger.TEN), "InvalidValue(string)", false);
        assertReverts(chain.operator, tokenAddress, token.revealDeposit(recipient, nonce, uncompressed,
                BigInteger.TEN), "InvalidValue(string)", false);
        assertReverts(chain.operator, tokenAddress, token.revealDeposit(recipient, nonce, badPrefix,
                BigInteger.TEN), "InvalidValue(string)", false);
        assertReverts(chain.operator, tokenAddress, token.revealDeposit(recipient, nonce, key,
                BigInteger.ZERO), "InvalidValue(string)", false);
        assertReverts(chain.operator, tokenAddress, token.revealDeposit(recipient, nonce, key,
                BigInteger.valueOf(500_000_000)), "InvalidValue(string)", true);
    }
}
