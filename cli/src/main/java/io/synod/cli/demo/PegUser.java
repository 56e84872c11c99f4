package io.synod.cli.demo;

import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import io.synod.chain.bitcoin.BitcoinNetwork;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.deposit.DepositNonce;
import io.synod.chain.bitcoin.deposit.DepositScript;
import io.synod.chain.bitcoin.deposit.DepositTerms;
import io.synod.chain.bitcoin.deposit.RefundHeight;
import io.synod.chain.bitcoin.deposit.SidechainRecipient;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.contracts.Redemption;
import io.synod.chain.evm.contracts.WrappedBTC;

/**
 * What a peg user does, with nothing but the chains and the group's public facts (its key and contracts, as the
 * servers report them): reveal deposit terms on the sidechain, pay the deposit script on Bitcoin, read the wrapped
 * balance, burn wrapped coins for a Bitcoin payout. Used by {@code ./synod demo} and by the multi-server story.
 */
public final class PegUser {

    /** Where the user's bitcoins come from and how blocks are made (a devnet's faucet and miner). */
    public interface Bitcoin {
        /** Pays {@code sats} to {@code script} and mines the payment into one block; returns the outpoint. */
        Outpoint pay(Script script, long sats);

        void mine(int blocks);

        long height();
    }

    /** A revealed deposit: its sidechain recipient (with the key that can spend the wrapped coins) and its script. */
    public record Deposit(EvmClient recipient, DepositTerms terms, DepositScript script, String address, long sats) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Bitcoin bitcoin;
    private final BitcoinNetwork network;
    private final URI evmUrl;
    private final long chainId;
    private final Consumer<String> fundEvm;
    private final byte[] groupKey;
    private final String token;
    private final String redemption;

    public PegUser(Bitcoin bitcoin, BitcoinNetwork network, URI evmUrl, long chainId, Consumer<String> fundEvm,
            String compressedGroupKey, String token, String redemption) {
        this.bitcoin = bitcoin;
        this.network = network;
        this.evmUrl = evmUrl;
        this.chainId = chainId;
        this.fundEvm = fundEvm;
        this.groupKey = HexFormat.of().parseHex(compressedGroupKey);
        this.token = token;
        this.redemption = redemption;
    }

    /** A fresh sidechain account with gas. */
    public EvmClient newAccount() {
        try {
            ECKeyPair k = Keys.createEcKeyPair(RANDOM);
            EvmClient c = EvmClient.connect(evmUrl, chainId, Credentials.create(k));
            fundEvm.accept(c.address());
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reveals fresh terms on the sidechain (mined when this returns): refund key, nonce, refund height. */
    public Deposit reveal(long sats, long refundBlocksAhead) {
        return reveal(sats, refundBlocksAhead, new ECKey());
    }

    /** Like {@link #reveal(long, long)} with a refund key the caller keeps (to take the deposit back itself). */
    public Deposit reveal(long sats, long refundBlocksAhead, ECKey refundKey) {
        EvmClient recipient = newAccount();
        DepositTerms terms = new DepositTerms(SidechainRecipient.parse(recipient.address()), refundKey.getPubKey(),
                RefundHeight.of(bitcoin.height() + refundBlocksAhead), DepositNonce.random(RANDOM));
        try {
            WrappedBTC.load(token, recipient.web3j(), recipient.transactionManager(), recipient.gasProvider())
                    .revealDeposit(recipient.address(), terms.nonce().bytes(), terms.refundPublicKey(),
                            BigInteger.valueOf(terms.refundHeight().value())).send();
        } catch (Exception e) {
            throw new IllegalStateException("reveal failed: " + e.getMessage(), e);
        }
        DepositScript script = DepositScript.of(groupKey, terms);
        return new Deposit(recipient, terms, script, network.address(script.outputScript()), sats);
    }

    /** Pays the deposit script (one confirmation). */
    public Outpoint pay(Deposit d) {
        return bitcoin.pay(d.script().outputScript(), d.sats());
    }

    public long balance(String account) {
        try (EvmClient reader = newAccount()) {
            return WrappedBTC.load(token, reader.web3j(), reader.transactionManager(), reader.gasProvider())
                    .balanceOf(account).send().longValueExact();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Burns {@code sats} from {@code user} to be paid to {@code script}; returns the redemption's sequence number. */
    public long redeem(EvmClient user, long sats, Script script) {
        try {
            WrappedBTC.load(token, user.web3j(), user.transactionManager(), user.gasProvider())
                    .approve(redemption, BigInteger.valueOf(sats)).send();
            TransactionReceipt r = Redemption.load(redemption, user.web3j(), user.transactionManager(),
                    user.gasProvider()).requestRedemption(BigInteger.valueOf(sats), script.program()).send();
            return Redemption.getRedemptionRequestedEvents(r).get(0).sequence.longValueExact();
        } catch (Exception e) {
            throw new IllegalStateException("redemption failed: " + e.getMessage(), e);
        }
    }

    /** A fresh P2WPKH script (the user's Bitcoin address to be paid). */
    public static Script newBitcoinScript() {
        return ScriptBuilder.createP2WPKHOutputScript(new ECKey());
    }

    public String address(Script script) {
        return network.address(script);
    }

    public Bitcoin bitcoin() {
        return bitcoin;
    }
}
