package io.synod.chain.evm;

import static io.synod.chain.evm.Sidechain.assertReverts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHash;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.BlockRef;
import io.synod.chain.evm.contracts.HeaderRelay;
import io.synod.chain.evm.contracts.ReserveAttestation;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Every function and revert of the group jobs' contracts on a real anvil, with real Bitcoin headers from the devnet's
 * bcoin; a fresh deployment per test.
 */
class GroupJobsContractsTest {

    private static final BigInteger ONE = BigInteger.ONE;
    private static final HexFormat HEX = HexFormat.of();

    private final Sidechain chain = new Sidechain();
    private final Eip712 eip712 = chain.eip712();
    private final BitcoinRpcClient rpc = chain.devnet.bitcoinRpc();
    private SynodDeployment core;
    private GroupJobsDeployment jobs;
    private BlockRef checkpoint;

    @BeforeEach
    void deploy() {
        core = chain.deploy();
        long tip = rpc.getBlockCount().value();
        checkpoint = new BlockRef(BlockHeight.of(tip - 5), rpc.getBlockHash(BlockHeight.of(tip - 5)));
        jobs = GroupJobsDeployment.deploy(chain.operator, core, checkpoint);
    }

    private byte[] groupSign(byte[] digest) {
        return Eip712.sign(digest, chain.group);
    }

    // ---------------------------------------------------------------- proof of reserves

    private byte[] attestSig(long height, byte[] hash, long reserves, long supply, long epoch) {
        return groupSign(eip712.attestReserves(jobs.addresses().reserveAttestation(), height, hash,
                BigInteger.valueOf(reserves), BigInteger.valueOf(supply), epoch));
    }

    private void mint(long amount) throws Exception {
        byte[] txid = Sidechain.random32();
        String to = Sidechain.address(Sidechain.key());
        byte[] sig = groupSign(eip712.mint(core.addresses().token(), txid, 0, to, BigInteger.valueOf(amount), 1));
        core.token().mint(txid, BigInteger.ZERO, to, BigInteger.valueOf(amount), ONE, sig).send();
    }

    @Test
    void attestationDigestEqualsTheIndependentEncodingAndAGroupSignedAttestationIsRecorded() throws Exception {
        ReserveAttestation r = jobs.reserveAttestation();
        byte[] hash = Sidechain.random32();
        assertThat(r.attestDigest(BigInteger.valueOf(1500), hash, BigInteger.valueOf(9), BigInteger.valueOf(8), ONE).send())
                .isEqualTo(eip712.attestReserves(jobs.addresses().reserveAttestation(), 1500, hash, BigInteger.valueOf(9),
                        BigInteger.valueOf(8), 1));
        mint(70_000);
        TransactionReceipt receipt = r.attest(BigInteger.valueOf(1500), hash, BigInteger.valueOf(80_000),
                BigInteger.valueOf(70_000), ONE, attestSig(1500, hash, 80_000, 70_000, 1)).send();
        assertThat(ReserveAttestation.getReservesAttestedEvents(receipt)).singleElement().satisfies(e -> {
            assertThat(e.bitcoinHeight).isEqualTo(BigInteger.valueOf(1500));
            assertThat(e.reserves).isEqualTo(BigInteger.valueOf(80_000));
            assertThat(e.wrappedSupply).isEqualTo(BigInteger.valueOf(70_000));
        });
        var latest = r.latest().send();
        assertThat(latest.component1()).isEqualTo(BigInteger.valueOf(1500));
        assertThat(latest.component2()).isEqualTo(hash);
        assertThat(latest.component3()).isEqualTo(BigInteger.valueOf(80_000));
        assertThat(latest.component5()).isEqualTo(ONE);
        assertThat(latest.component6()).isEqualTo(receipt.getBlockNumber());
        assertThat(r.count().send()).isEqualTo(ONE);
        // reserves exactly equal to the supply are enough
        r.attest(BigInteger.valueOf(1501), hash, BigInteger.valueOf(70_000), BigInteger.valueOf(70_000), ONE,
                attestSig(1501, hash, 70_000, 70_000, 1)).send();
        assertThat(r.count().send()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void attestationRevertsOnStaleUnsignedShortOrMalformedClaims() throws Exception {
        ReserveAttestation r = jobs.reserveAttestation();
        String at = jobs.addresses().reserveAttestation();
        byte[] hash = Sidechain.random32();
        mint(50_000);
        r.attest(BigInteger.valueOf(2000), hash, BigInteger.valueOf(60_000), BigInteger.valueOf(50_000), ONE,
                attestSig(2000, hash, 60_000, 50_000, 1)).send();
        // replay and older heights
        assertReverts(chain.operator, at, r.attest(BigInteger.valueOf(2000), hash, BigInteger.valueOf(60_000),
                BigInteger.valueOf(50_000), ONE, attestSig(2000, hash, 60_000, 50_000, 1)),
                "StaleAttestation(uint64,uint64)", true);
        assertReverts(chain.operator, at, r.attest(BigInteger.valueOf(1999), hash, BigInteger.valueOf(60_000),
                BigInteger.valueOf(50_000), ONE, attestSig(1999, hash, 60_000, 50_000, 1)),
                "StaleAttestation(uint64,uint64)", false);
        // zero block hash
        assertReverts(chain.operator, at, r.attest(BigInteger.valueOf(2001), new byte[32], BigInteger.valueOf(60_000),
                BigInteger.valueOf(50_000), ONE, attestSig(2001, new byte[32], 60_000, 50_000, 1)),
                "InvalidValue(string)", false);
        // another epoch, another signer, a signature over other numbers
        assertReverts(chain.operator, at, r.attest(BigInteger.valueOf(2001), hash, BigInteger.valueOf(60_000),
                BigInteger.valueOf(50_000), BigInteger.TWO, attestSig(2001, hash, 60_000, 50_000, 2)),
                "UnknownEpoch(uint64)", false);
        byte[] memberSig = Eip712.sign(eip712.attestReserves(at, 2001, hash, BigInteger.valueOf(60_000),
                BigInteger.valueOf(50_000), 1), chain.members.get(0));
        assertReverts(chain.operator, at, r.attest(BigInteger.valueOf(2001), hash, BigInteger.valueOf(60_000),
                BigInteger.valueOf(50_000), ONE, memberSig), "WrongSigner(address)", true);
        assertReverts(chain.operator, at, r.attest(BigInteger.valueOf(2001), hash, BigInteger.valueOf(90_000),
                BigInteger.valueOf(50_000), ONE, attestSig(2001, hash, 60_000, 50_000, 1)), "WrongSigner(address)", false);
        assertReverts(chain.operator, at, r.attest(BigInteger.valueOf(2001), hash, BigInteger.valueOf(60_000),
                BigInteger.valueOf(50_000), ONE, Arrays.copyOf(attestSig(2001, hash, 60_000, 50_000, 1), 64)),
                "BadSignature()", false);
        // a signed shortfall, and a signed claim the live supply has outgrown
        assertReverts(chain.operator, at, r.attest(BigInteger.valueOf(2001), hash, BigInteger.valueOf(49_999),
                BigInteger.valueOf(50_000), ONE, attestSig(2001, hash, 49_999, 50_000, 1)),
                "InsufficientReserves(uint256,uint256)", true);
        assertReverts(chain.operator, at, r.attest(BigInteger.valueOf(2001), hash, BigInteger.valueOf(45_000),
                BigInteger.valueOf(40_000), ONE, attestSig(2001, hash, 45_000, 40_000, 1)),
                "InsufficientReserves(uint256,uint256)", false);
        assertThat(r.count().send()).isEqualTo(ONE);
    }

    @Test
    void attestationConstructorRefusesMissingOrForeignContracts() {
        var w = chain.operator.web3j();
        var tm = chain.operator.transactionManager();
        var gas = chain.operator.gasProvider();
        SynodDeployment other = chain.deploy();
        assertThatThrownBy(() -> ReserveAttestation.deploy(w, tm, gas, core.addresses().registry(),
                other.addresses().token()).send()).as("token of another registry").isInstanceOf(Exception.class);
        chain.operator.resetNonce();
        assertThatThrownBy(() -> ReserveAttestation.deploy(w, tm, gas, Sidechain.address(Sidechain.key()),
                core.addresses().token()).send()).as("registry without code").isInstanceOf(Exception.class);
        chain.operator.resetNonce();
        assertThatThrownBy(() -> GroupJobsDeployment.attach(chain.operator, other, jobs.addresses()))
                .isInstanceOf(DeploymentCheckException.class).hasMessageContaining("registry");
    }

    // ---------------------------------------------------------------- header relay

    private byte[] header(long height) {
        BlockHash h = rpc.getBlockHash(BlockHeight.of(height));
        return HEX.parseHex(rpc.call("getblockheader", h.hex(), false).asText());
    }

    private byte[] headers(long from, long to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long h = from; h <= to; h++) {
            out.writeBytes(header(h));
        }
        return out.toByteArray();
    }

    private byte[] relaySig(byte[] parentDisplay, byte[] headers, long epoch) {
        return groupSign(eip712.relayHeaders(jobs.addresses().headerRelay(), parentDisplay, headers, epoch));
    }

    private static byte[] display(byte[] header) {
        return reverse(sha256d(header));
    }

    @Test
    void relaysRealHeadersCheckingLinkageAndWorkAndFollowsTheMostWork() throws Exception {
        HeaderRelay relay = jobs.headerRelay();
        long base = checkpoint.height().value();
        byte[] batch = headers(base + 1, base + 5);
        byte[] parent = HEX.parseHex(checkpoint.hash().hex());
        assertThat(relay.relayDigest(parent, org.web3j.crypto.Hash.sha3(batch), ONE).send())
                .isEqualTo(eip712.relayHeaders(jobs.addresses().headerRelay(), parent, batch, 1));
        TransactionReceipt receipt = relay.relay(batch, ONE, relaySig(parent, batch, 1)).send();
        byte[] tip = HEX.parseHex(rpc.getBlockHash(BlockHeight.of(base + 5)).hex());
        assertThat(relay.bestHash().send()).isEqualTo(tip);
        assertThat(relay.bestHeight().send()).isEqualTo(BigInteger.valueOf(base + 5));
        assertThat(HeaderRelay.getHeadersRelayedEvents(receipt)).singleElement()
                .satisfies(e -> assertThat(e.count).isEqualTo(BigInteger.valueOf(5)));
        assertThat(relay.headerOf(HEX.parseHex(rpc.getBlockHash(BlockHeight.of(base + 3)).hex())).send().component1())
                .isEqualTo(BigInteger.valueOf(base + 3));
        assertThat(relay.headerOf(Sidechain.random32()).send().component2()).isZero();

        // A fork from the checkpoint with six solved headers at the same (regtest) target has more work: it wins.
        byte[] fork = solvedChain(header(base), 6);
        TransactionReceipt forked = relay.relay(fork, ONE, relaySig(parent, fork, 1)).send();
        assertThat(HeaderRelay.getBestChangedEvents(forked)).hasSize(1);
        assertThat(relay.bestHash().send()).isEqualTo(display(Arrays.copyOfRange(fork, 400, 480)));
        assertThat(relay.bestHeight().send()).isEqualTo(BigInteger.valueOf(base + 6));
        // A shorter fork is recorded without moving the tip.
        byte[] shortFork = solvedChain(header(base + 1), 2);
        byte[] p1 = display(header(base + 1));
        assertThat(HeaderRelay.getBestChangedEvents(relay.relay(shortFork, ONE, relaySig(p1, shortFork, 1)).send()))
                .isEmpty();
        assertThat(relay.bestHeight().send()).isEqualTo(BigInteger.valueOf(base + 6));
    }

    @Test
    void relayRevertsOnBadBatchesSignaturesLinksAndWork() throws Exception {
        HeaderRelay relay = jobs.headerRelay();
        String at = jobs.addresses().headerRelay();
        long base = checkpoint.height().value();
        byte[] parent = HEX.parseHex(checkpoint.hash().hex());
        byte[] batch = headers(base + 1, base + 3);
        // sizes
        assertReverts(chain.operator, at, relay.relay(new byte[0], ONE, relaySig(parent, new byte[0], 1)),
                "InvalidValue(string)", true);
        byte[] ragged = Arrays.copyOf(batch, 81);
        assertReverts(chain.operator, at, relay.relay(ragged, ONE, relaySig(parent, ragged, 1)),
                "InvalidValue(string)", false);
        byte[] tooMany = solvedChain(header(base), 101);
        assertReverts(chain.operator, at, relay.relay(tooMany, ONE, relaySig(parent, tooMany, 1)),
                "InvalidValue(string)", false);
        // a parent the relay does not know
        byte[] orphan = headers(base + 2, base + 3);
        byte[] orphanParent = display(header(base + 1));
        assertReverts(chain.operator, at, relay.relay(orphan, ONE, relaySig(orphanParent, orphan, 1)),
                "UnknownParent(bytes32)", true);
        // epoch and signer
        assertReverts(chain.operator, at, relay.relay(batch, BigInteger.TWO, relaySig(parent, batch, 2)),
                "UnknownEpoch(uint64)", false);
        byte[] memberSig = Eip712.sign(eip712.relayHeaders(at, parent, batch, 1), chain.members.get(1));
        assertReverts(chain.operator, at, relay.relay(batch, ONE, memberSig), "WrongSigner(address)", true);
        assertReverts(chain.operator, at, relay.relay(batch, ONE, relaySig(parent, headers(base + 1, base + 2), 1)),
                "WrongSigner(address)", false);
        // a gap: header base+3 does not link to base+1
        byte[] gap = concat(header(base + 1), header(base + 3));
        assertReverts(chain.operator, at, relay.relay(gap, ONE, relaySig(parent, gap, 1)), "BrokenLink(uint256)", true);
        // a header whose hash misses its target, and one whose bits encode no valid target
        byte[] weak = unsolved(header(base + 1));
        assertReverts(chain.operator, at, relay.relay(weak, ONE, relaySig(parent, weak, 1)),
                "InsufficientWork(uint256)", true);
        byte[] negative = header(base + 1);
        negative[74] = (byte) (negative[74] | 0x80);
        assertReverts(chain.operator, at, relay.relay(negative, ONE, relaySig(parent, negative, 1)),
                "InvalidTarget(uint256)", false);
        // the real batch passes once, then is already known
        relay.relay(batch, ONE, relaySig(parent, batch, 1)).send();
        assertReverts(chain.operator, at, relay.relay(batch, ONE, relaySig(parent, batch, 1)),
                "AlreadyKnown(bytes32)", true);
        assertThat(relay.bestHeight().send()).isEqualTo(BigInteger.valueOf(base + 3));
    }

    @Test
    void compactTargetsDecodeAsBitcoinCoreDoesAndTheConstructorRefusesBadAnchors() {
        HeaderRelay relay = jobs.headerRelay();
        assertThat(target(relay, 0x1d00ffffL)).isEqualTo(BigInteger.valueOf(0xffff).shiftLeft(208));
        assertThat(target(relay, 0x207fffffL)).isEqualTo(BigInteger.valueOf(0x7fffff).shiftLeft(232));
        assertThat(target(relay, 0x03123456L)).isEqualTo(BigInteger.valueOf(0x123456));
        assertThat(target(relay, 0x02008000L)).isEqualTo(BigInteger.valueOf(0x80));
        assertThat(target(relay, 0x04923456L)).as("sign bit").isZero();
        assertThat(target(relay, 0x23000001L)).as("overflow").isZero();
        assertThat(target(relay, 0x2101ffffL)).as("overflow: three bytes at 33").isZero();
        assertThat(target(relay, 0x2100ffffL)).isEqualTo(BigInteger.valueOf(0xffff).shiftLeft(240));
        assertThat(target(relay, 0x200000ffL)).isEqualTo(BigInteger.valueOf(0xff).shiftLeft(232));
        assertThat(target(relay, 0x1d000000L)).as("zero mantissa").isZero();
        var w = chain.operator.web3j();
        var tm = chain.operator.transactionManager();
        var gas = chain.operator.gasProvider();
        assertThatThrownBy(() -> HeaderRelay.deploy(w, tm, gas, core.addresses().registry(), new byte[32],
                BigInteger.TEN).send()).as("zero checkpoint").isInstanceOf(Exception.class);
        chain.operator.resetNonce();
        assertThatThrownBy(() -> HeaderRelay.deploy(w, tm, gas, Sidechain.address(Sidechain.key()),
                Sidechain.random32(), BigInteger.TEN).send()).as("registry without code").isInstanceOf(Exception.class);
        chain.operator.resetNonce();
    }

    private static BigInteger target(HeaderRelay relay, long bits) {
        try {
            return relay.targetOf(BigInteger.valueOf(bits)).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- header helpers

    /** {@code n} headers extending {@code parent}, at regtest's target, each solved by trying nonces. */
    private static byte[] solvedChain(byte[] parent, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] prev = parent;
        for (int i = 0; i < n; i++) {
            byte[] h = prev.clone();
            System.arraycopy(sha256d(prev), 0, h, 4, 32);
            byte[] merkle = Sidechain.random32();
            System.arraycopy(merkle, 0, h, 36, 32);
            h[72] = (byte) 0xff;
            h[73] = (byte) 0xff;
            h[74] = 0x7f;
            h[75] = 0x20;
            for (int nonce = 0; ; nonce++) {
                putNonce(h, nonce);
                if (meetsRegtestTarget(h)) {
                    break;
                }
            }
            out.writeBytes(h);
            prev = h;
        }
        return out.toByteArray();
    }

    /** The header with a nonce whose hash misses the regtest target (about every other nonce does). */
    private static byte[] unsolved(byte[] header) {
        byte[] h = header.clone();
        for (int nonce = 0; ; nonce++) {
            putNonce(h, nonce);
            if (!meetsRegtestTarget(h)) {
                return h;
            }
        }
    }

    private static boolean meetsRegtestTarget(byte[] header) {
        return new BigInteger(1, display(header)).compareTo(BigInteger.valueOf(0x7fffff).shiftLeft(232)) <= 0;
    }

    private static void putNonce(byte[] h, int nonce) {
        h[76] = (byte) nonce;
        h[77] = (byte) (nonce >>> 8);
        h[78] = (byte) (nonce >>> 16);
        h[79] = (byte) (nonce >>> 24);
    }

    private static byte[] sha256d(byte[] b) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest(sha.digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
