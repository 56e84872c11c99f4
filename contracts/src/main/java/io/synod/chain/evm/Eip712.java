package io.synod.chain.evm;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The EIP-712 digests of Synod's contracts, computed here from the type strings (not read from the contracts), so
 * that tests can hold each contract to this independent encoding. Every domain is bound to the chain id and the
 * verifying contract's address: a signature for one deployment or chain is worthless on another.
 */
public final class Eip712 {

    public static final String REGISTRY = "Synod GroupRegistry";
    public static final String WRAPPED_BTC = "Synod WrappedBTC";
    public static final String REDEMPTION = "Synod Redemption";
    public static final String MESSAGE_BOARD = "Synod MessageBoard";
    public static final String RESERVE_ATTESTATION = "Synod ReserveAttestation";
    public static final String HEADER_RELAY = "Synod HeaderRelay";

    private static final byte[] DOMAIN_TYPEHASH =
            keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    private static final byte[] MINT_TYPEHASH =
            keccak("Mint(bytes32 txid,uint32 vout,address recipient,uint256 amount,uint64 epoch)");
    private static final byte[] COMPLETE_TYPEHASH =
            keccak("CompleteRedemptions(uint256[] sequences,bytes32 bitcoinTxid,uint64 epoch)");
    private static final byte[] EPOCH_TYPEHASH = keccak("EpochChange(uint64 epoch,bytes groupPublicKey,uint16 threshold,"
            + "address[] members,bytes32[] stakeTxids,uint32[] stakeVouts)");
    private static final byte[] BIND_TYPEHASH = keccak("BindEvidence(address evidence,uint64 epoch)");
    private static final byte[] MESSAGE_TYPEHASH =
            keccak("BoardMessage(bytes32 sessionId,uint32 round,address recipient,bytes32 payloadHash)");

    private static final byte[] ATTEST_TYPEHASH = keccak("AttestReserves(uint64 bitcoinHeight,bytes32 bitcoinBlockHash,"
            + "uint256 reserves,uint256 wrappedSupply,uint64 epoch)");
    private static final byte[] RELAY_TYPEHASH =
            keccak("RelayHeaders(bytes32 parentHash,bytes32 headersHash,uint64 epoch)");

    private final long chainId;

    public Eip712(long chainId) {
        this.chainId = chainId;
    }

    public byte[] domainSeparator(String name, String verifyingContract) {
        return keccak(concat(DOMAIN_TYPEHASH, keccak(name), keccak("1"), word(BigInteger.valueOf(chainId)),
                address(verifyingContract)));
    }

    public byte[] mint(String token, byte[] txid, long vout, String recipient, BigInteger amount, long epoch) {
        return digest(WRAPPED_BTC, token, concat(MINT_TYPEHASH, bytes32(txid), word(vout), address(recipient),
                word(amount), word(epoch)));
    }

    /**
     * One completion for all the listed redemptions. Encoded as given: the contract refuses any list that is not
     * strictly increasing, so a caller that signs another order gets a signature nothing accepts.
     */
    public byte[] completeRedemptions(String redemption, List<BigInteger> sequences, byte[] bitcoinTxid, long epoch) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        sequences.forEach(x -> s.writeBytes(word(x)));
        return digest(REDEMPTION, redemption, concat(COMPLETE_TYPEHASH, Hash.sha3(s.toByteArray()), bytes32(bitcoinTxid),
                word(epoch)));
    }

    public byte[] epochChange(String registry, long epoch, byte[] groupPublicKey, int threshold, List<String> members,
            List<byte[]> stakeTxids, List<Long> stakeVouts) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        members.forEach(a -> m.writeBytes(address(a)));
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        stakeTxids.forEach(x -> t.writeBytes(bytes32(x)));
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        stakeVouts.forEach(x -> v.writeBytes(word(x)));
        return digest(REGISTRY, registry, concat(EPOCH_TYPEHASH, word(epoch), Hash.sha3(groupPublicKey), word(threshold),
                Hash.sha3(m.toByteArray()), Hash.sha3(t.toByteArray()), Hash.sha3(v.toByteArray())));
    }

    public byte[] bindEvidence(String registry, String evidence, long epoch) {
        return digest(REGISTRY, registry, concat(BIND_TYPEHASH, address(evidence), word(epoch)));
    }

    public byte[] boardMessage(String board, byte[] sessionId, long round, String recipient, byte[] payloadHash) {
        return digest(MESSAGE_BOARD, board, concat(MESSAGE_TYPEHASH, bytes32(sessionId), word(round), address(recipient),
                bytes32(payloadHash)));
    }

    /** Proof of reserves at a Bitcoin block (hash in display order). */
    public byte[] attestReserves(String attestation, long bitcoinHeight, byte[] bitcoinBlockHash, BigInteger reserves,
            BigInteger wrappedSupply, long epoch) {
        return digest(RESERVE_ATTESTATION, attestation, concat(ATTEST_TYPEHASH, word(bitcoinHeight),
                bytes32(bitcoinBlockHash), word(reserves), word(wrappedSupply), word(epoch)));
    }

    /** A relay of consecutive 80-byte headers extending {@code parentHash} (display order). */
    public byte[] relayHeaders(String relay, byte[] parentHash, byte[] headers, long epoch) {
        return digest(HEADER_RELAY, relay, concat(RELAY_TYPEHASH, bytes32(parentHash), Hash.sha3(headers), word(epoch)));
    }

    /** A 65-byte r ‖ s ‖ v signature (v = 27 or 28, low s) over a digest, as the contracts' recover expects. */
    public static byte[] sign(byte[] digest, ECKeyPair key) {
        Sign.SignatureData sig = Sign.signMessage(digest, key, false);
        return concat(sig.getR(), sig.getS(), sig.getV());
    }

    /** The Ethereum address of a 64-byte (x ‖ y) public key, as GroupRegistry derives the group address. */
    public static String addressOf(byte[] publicKey64) {
        if (publicKey64.length != 64) {
            throw new IllegalArgumentException("64-byte public key expected");
        }
        byte[] h = Hash.sha3(publicKey64);
        return Numeric.toHexString(java.util.Arrays.copyOfRange(h, 12, 32));
    }

    public static byte[] publicKey64(ECKeyPair key) {
        return Numeric.toBytesPadded(key.getPublicKey(), 64);
    }

    private byte[] digest(String name, String contract, byte[] structEncoding) {
        return keccak(concat(new byte[] {0x19, 0x01}, domainSeparator(name, contract), Hash.sha3(structEncoding)));
    }

    private static byte[] keccak(String s) {
        return Hash.sha3(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] keccak(byte[] b) {
        return Hash.sha3(b);
    }

    private static byte[] word(long v) {
        return word(BigInteger.valueOf(v));
    }

    private static byte[] word(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + v);
        }
        return Numeric.toBytesPadded(v, 32);
    }

    private static byte[] bytes32(byte[] b) {
        if (b.length != 32) {
            throw new IllegalArgumentException("bytes32 expected");
        }
        return b.clone();
    }

    private static byte[] address(String a) {
        byte[] raw = Numeric.hexStringToByteArray(a);
        if (raw.length != 20) {
            throw new IllegalArgumentException("not an address: " + a);
        }
        byte[] w = new byte[32];
        System.arraycopy(raw, 0, w, 12, 20);
        return w;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
