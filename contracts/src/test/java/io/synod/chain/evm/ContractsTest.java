package io.synod.chain.evm;

import static io.synod.chain.evm.Sidechain.assertReverts;
import static io.synod.chain.evm.Sidechain.assertRevertsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synod.chain.evm.contracts.Evidence;
import io.synod.chain.evm.contracts.GroupRegistry;
import io.synod.chain.evm.contracts.MessageBoard;
import io.synod.chain.evm.contracts.Redemption;
import io.synod.chain.evm.contracts.WrappedBTC;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** Every function and revert of Synod's contracts on a real anvil; a fresh deployment per test. */
class ContractsTest {

    private static final BigInteger ONE = BigInteger.ONE;

    private final Sidechain chain = new Sidechain();
    private final Eip712 eip712 = chain.eip712();
    private SynodDeployment d;
    private String tokenAddress;
    private String redemptionAddress;

    @BeforeEach
    void deploy() {
        d = chain.deploy();
        tokenAddress = d.addresses().token();
        redemptionAddress = d.addresses().redemption();
    }

    private byte[] groupSign(byte[] digest) {
        return Eip712.sign(digest, chain.group);
    }

    private TransactionReceipt mint(byte[] txid, long vout, String to, long amount) throws Exception {
        byte[] sig = groupSign(eip712.mint(tokenAddress, txid, vout, to, BigInteger.valueOf(amount), 1));
        return d.token().mint(txid, BigInteger.valueOf(vout), to, BigInteger.valueOf(amount), ONE, sig).send();
    }

    @Test
    void deploymentPassesItsSelfCheckAndContractDigestsEqualTheIndependentEncoding() throws Exception {
        d.selfCheck();
        byte[] txid = Sidechain.random32();
        String someone = Sidechain.address(Sidechain.key());
        assertThat(d.token().mintDigest(txid, BigInteger.TWO, someone, BigInteger.valueOf(5000), ONE).send())
                .isEqualTo(eip712.mint(tokenAddress, txid, 2, someone, BigInteger.valueOf(5000), 1));
        byte[] session = Sidechain.random32();
        byte[] payloadHash = Sidechain.random32();
        assertThat(d.board().messageDigest(session, BigInteger.valueOf(3), someone, payloadHash).send())
                .isEqualTo(eip712.boardMessage(d.addresses().board(), session, 3, someone, payloadHash));
        List<String> members = List.of(someone);
        assertThat(d.registry().epochDigest(BigInteger.TWO, Eip712.publicKey64(chain.group), ONE, members,
                List.of(txid), List.of(BigInteger.ONE)).send())
                .isEqualTo(eip712.epochChange(d.addresses().registry(), 2, Eip712.publicKey64(chain.group), 1, members,
                        List.of(txid), List.of(1L)));
        // Domain separation: the same mint for another token address is another digest.
        assertThat(eip712.mint(d.addresses().redemption(), txid, 2, someone, BigInteger.valueOf(5000), 1))
                .isNotEqualTo(eip712.mint(tokenAddress, txid, 2, someone, BigInteger.valueOf(5000), 1));
        assertThat(d.registry().groupAddress(ONE).send()).isEqualToIgnoringCase(Sidechain.address(chain.group));
        assertThat(d.registry().threshold(ONE).send()).isEqualTo(BigInteger.TWO);
        assertThat(d.token().decimals().send()).isEqualTo(BigInteger.valueOf(8));
    }

    @Test
    void selfCheckRefusesMiswiredOrMissingContracts() {
        SynodDeployment.Addresses a = d.addresses();
        assertThatThrownBy(() -> SynodDeployment.attach(chain.operator, new SynodDeployment.Addresses(a.registry(),
                a.redemption(), a.token(), a.board(), a.evidence()))).isInstanceOf(DeploymentCheckException.class);
        String noCode = Sidechain.address(Sidechain.key());
        assertThatThrownBy(() -> SynodDeployment.attach(chain.operator, new SynodDeployment.Addresses(a.registry(),
                a.token(), a.redemption(), a.board(), noCode))).isInstanceOf(DeploymentCheckException.class)
                .hasMessageContaining("code");
        assertThatThrownBy(() -> new SynodDeployment.Addresses("0x" + "0".repeat(40), a.token(), a.redemption(),
                a.board(), a.evidence())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorsRefuseMissingOrForeignContractsAndInvalidGenesis() {
        var w = chain.operator.web3j();
        var tm = chain.operator.transactionManager();
        var gas = chain.operator.gasProvider();
        SynodDeployment other = chain.deploy();
        String noCode = Sidechain.address(Sidechain.key());
        assertThatThrownBy(() -> Redemption.deploy(w, tm, gas, d.addresses().registry(), other.addresses().token()).send())
                .as("redemption with another deployment's token").isInstanceOf(Exception.class);
        chain.operator.resetNonce();
        assertThatThrownBy(() -> Evidence.deploy(w, tm, gas, d.addresses().registry(), other.addresses().board()).send())
                .as("evidence with another deployment's board").isInstanceOf(Exception.class);
        chain.operator.resetNonce();
        assertThatThrownBy(() -> WrappedBTC.deploy(w, tm, gas, noCode).send())
                .as("token without a registry").isInstanceOf(Exception.class);
        chain.operator.resetNonce();
        assertThatThrownBy(() -> MessageBoard.deploy(w, tm, gas, noCode).send())
                .as("board without a registry").isInstanceOf(Exception.class);
        chain.operator.resetNonce();
        GenesisEpoch g = chain.genesis();
        List<byte[]> txids = g.stakes().stream().map(SynodDeployment::txidBytes).toList();
        List<BigInteger> vouts = g.stakes().stream().map(o -> BigInteger.valueOf(o.vout())).toList();
        assertThatThrownBy(() -> GroupRegistry.deploy(w, tm, gas, Arrays.copyOf(g.groupPublicKey(), 63),
                BigInteger.TWO, g.members(), txids, vouts).send()).as("short group key").isInstanceOf(Exception.class);
        chain.operator.resetNonce();
        assertThatThrownBy(() -> GroupRegistry.deploy(w, tm, gas, g.groupPublicKey(), BigInteger.valueOf(4),
                g.members(), txids, vouts).send()).as("threshold above members").isInstanceOf(Exception.class);
        chain.operator.resetNonce();
        assertThatThrownBy(() -> GroupRegistry.deploy(w, tm, gas, g.groupPublicKey(), BigInteger.TWO, g.members(),
                List.of(new byte[32], txids.get(1), txids.get(2)), vouts).send()).as("zero stake txid")
                .isInstanceOf(Exception.class);
        chain.operator.resetNonce();
    }

    @Test
    void mintOncePerOutpointWithTheCurrentGroupKeyOnly() throws Exception {
        String user = Sidechain.address(Sidechain.key());
        byte[] txid = Sidechain.random32();
        TransactionReceipt r = mint(txid, 1, user, 250_000);
        assertThat(WrappedBTC.getMintedEvents(r)).singleElement()
                .satisfies(e -> assertThat(e.amount).isEqualTo(BigInteger.valueOf(250_000)));
        assertThat(d.token().balanceOf(user).send()).isEqualTo(BigInteger.valueOf(250_000));
        assertThat(d.token().totalSupply().send()).isEqualTo(BigInteger.valueOf(250_000));
        assertThat(d.token().isMinted(txid, ONE).send()).isTrue();
        assertThat(d.token().isMinted(txid, BigInteger.TWO).send()).isFalse();
        assertThat(chain.operator.web3j().ethGetTransactionByHash(r.getTransactionHash()).send().getTransaction()
                .orElseThrow().getType()).as("EIP-1559 transaction").isEqualTo("0x2");

        WrappedBTC t = d.token();
        BigInteger amount = BigInteger.valueOf(250_000);
        byte[] sig = groupSign(eip712.mint(tokenAddress, txid, 1, user, amount, 1));
        // replayed mint: same outpoint, even with a valid signature
        assertReverts(chain.operator, tokenAddress, t.mint(txid, ONE, user, amount, ONE, sig),
                "AlreadyMinted(bytes32,uint32)", true);
        byte[] other = Sidechain.random32();
        // wrong signer: a member's key is not the group key
        byte[] memberSig = Eip712.sign(eip712.mint(tokenAddress, other, 0, user, amount, 1), chain.members.get(0));
        assertReverts(chain.operator, tokenAddress, t.mint(other, BigInteger.ZERO, user, amount, ONE, memberSig),
                "WrongSigner(address)", true);
        // a group signature for another amount recovers to another address
        byte[] forLess = groupSign(eip712.mint(tokenAddress, other, 0, user, BigInteger.TEN, 1));
        assertReverts(chain.operator, tokenAddress, t.mint(other, BigInteger.ZERO, user, amount, ONE, forLess),
                "WrongSigner(address)", false);
        // unknown epochs
        byte[] epoch2 = groupSign(eip712.mint(tokenAddress, other, 0, user, amount, 2));
        assertReverts(chain.operator, tokenAddress, t.mint(other, BigInteger.ZERO, user, amount, BigInteger.TWO, epoch2),
                "UnknownEpoch(uint64)", false);
        assertReverts(chain.operator, tokenAddress, t.mint(other, BigInteger.ZERO, user, amount, BigInteger.ZERO, epoch2),
                "UnknownEpoch(uint64)", false);
        // zero and default values
        assertReverts(chain.operator, tokenAddress, t.mint(new byte[32], BigInteger.ZERO, user, amount, ONE, sig),
                "InvalidValue(string)", false);
        assertReverts(chain.operator, tokenAddress, t.mint(other, BigInteger.ZERO, "0x" + "0".repeat(40), amount, ONE,
                sig), "InvalidValue(string)", false);
        assertReverts(chain.operator, tokenAddress, t.mint(other, BigInteger.ZERO, user, BigInteger.ZERO, ONE, sig),
                "InvalidValue(string)", false);
        BigInteger overSupply = new BigInteger("2100000000000001");
        byte[] tooMuch = groupSign(eip712.mint(tokenAddress, other, 0, user, overSupply, 1));
        assertReverts(chain.operator, tokenAddress, t.mint(other, BigInteger.ZERO, user, overSupply, ONE, tooMuch),
                "InvalidValue(string)", false);
        // malformed and malleable signatures
        byte[] good = groupSign(eip712.mint(tokenAddress, other, 0, user, amount, 1));
        assertReverts(chain.operator, tokenAddress, t.mint(other, BigInteger.ZERO, user, amount, ONE,
                Arrays.copyOf(good, 64)), "BadSignature()", false);
        assertReverts(chain.operator, tokenAddress, t.mint(other, BigInteger.ZERO, user, amount, ONE, highS(good)),
                "BadSignature()", false);
        // the good one still works
        t.mint(other, BigInteger.ZERO, user, amount, ONE, good).send();
        assertThat(t.balanceOf(user).send()).isEqualTo(BigInteger.valueOf(500_000));
    }

    /** The same signature with s' = n - s and the other v: valid for plain ecrecover, refused by the contracts. */
    private static byte[] highS(byte[] sig) {
        BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        byte[] out = sig.clone();
        byte[] high = org.web3j.utils.Numeric.toBytesPadded(n.subtract(s), 32);
        System.arraycopy(high, 0, out, 32, 32);
        out[64] = (byte) (sig[64] == 27 ? 28 : 27);
        return out;
    }

    @Test
    void erc20TransfersApprovalsAndBurns() throws Exception {
        ECKeyPair aliceKey = Sidechain.key();
        EvmClient alice = chain.client(aliceKey);
        String bob = Sidechain.address(Sidechain.key());
        mint(Sidechain.random32(), 0, alice.address(), 10_000);
        WrappedBTC asAlice = WrappedBTC.load(tokenAddress, alice.web3j(), alice.transactionManager(), alice.gasProvider());
        asAlice.transfer(bob, BigInteger.valueOf(4_000)).send();
        assertThat(d.token().balanceOf(bob).send()).isEqualTo(BigInteger.valueOf(4_000));
        assertReverts(alice, tokenAddress, asAlice.transfer(bob, BigInteger.valueOf(6_001)), "InsufficientBalance()", true);
        assertReverts(alice, tokenAddress, asAlice.transfer("0x" + "0".repeat(40), ONE), "InvalidValue(string)", false);

        asAlice.approve(chain.operator.address(), BigInteger.valueOf(1_000)).send();
        assertThat(d.token().allowance(alice.address(), chain.operator.address()).send()).isEqualTo(BigInteger.valueOf(1_000));
        d.token().transferFrom(alice.address(), bob, BigInteger.valueOf(600)).send();
        assertReverts(chain.operator, tokenAddress, d.token().transferFrom(alice.address(), bob, BigInteger.valueOf(401)),
                "InsufficientAllowance()", false);
        d.token().burnFrom(alice.address(), BigInteger.valueOf(400)).send();
        asAlice.burnFrom(alice.address(), BigInteger.valueOf(1_000)).send();
        assertThat(d.token().balanceOf(alice.address()).send()).isEqualTo(BigInteger.valueOf(4_000));
        assertThat(d.token().totalSupply().send()).isEqualTo(BigInteger.valueOf(8_600));
        assertReverts(alice, tokenAddress, asAlice.burnFrom(alice.address(), BigInteger.ZERO), "InvalidValue(string)", false);
        assertReverts(alice, tokenAddress, asAlice.approve("0x" + "0".repeat(40), ONE), "InvalidValue(string)", false);
    }

    @Test
    void redemptionBurnsForEachStandardScriptAtOrAboveItsDustLimit() throws Exception {
        EvmClient alice = chain.client(Sidechain.key());
        mint(Sidechain.random32(), 0, alice.address(), 1_000_000);
        WrappedBTC asAlice = WrappedBTC.load(tokenAddress, alice.web3j(), alice.transactionManager(), alice.gasProvider());
        Redemption r = Redemption.load(d.addresses().redemption(), alice.web3j(), alice.transactionManager(),
                alice.gasProvider());
        asAlice.approve(d.addresses().redemption(), BigInteger.valueOf(1_000_000)).send();
        List<byte[]> scripts = List.of(
                ScriptBuilder.createP2WPKHOutputScript(new ECKey()).program(),
                ScriptBuilder.createP2WSHOutputScript(ScriptBuilder.createP2PKOutputScript(new ECKey())).program(),
                ScriptBuilder.createP2PKHOutputScript(new ECKey()).program(),
                ScriptBuilder.createP2SHOutputScript(ScriptBuilder.createP2PKOutputScript(new ECKey())).program());
        long[] dust = {294, 330, 546, 540};
        for (int i = 0; i < scripts.size(); i++) {
            TransactionReceipt receipt = r.requestRedemption(BigInteger.valueOf(10_000), scripts.get(i)).send();
            int seq = i + 1;
            assertThat(Redemption.getRedemptionRequestedEvents(receipt)).singleElement().satisfies(e -> {
                assertThat(e.sequence).isEqualTo(BigInteger.valueOf(seq));
                assertThat(e.requester).isEqualToIgnoringCase(alice.address());
                assertThat(e.outputScript).isEqualTo(scripts.get(seq - 1));
            });
            assertThat(r.dustLimit(scripts.get(i)).send()).isEqualTo(BigInteger.valueOf(dust[i]));
            assertReverts(alice, d.addresses().redemption(),
                    r.requestRedemption(BigInteger.valueOf(dust[i] - 1), scripts.get(i)), "BelowDust(uint256,uint256)", false);
        }
        assertThat(d.token().balanceOf(alice.address()).send()).isEqualTo(BigInteger.valueOf(960_000));
        assertThat(d.token().totalSupply().send()).isEqualTo(BigInteger.valueOf(960_000));

        byte[] p2wpkh = scripts.get(0);
        byte[] p2tr = new byte[34];
        p2tr[0] = 0x51;
        p2tr[1] = 0x20;
        for (byte[] bad : List.of(Arrays.copyOf(p2wpkh, 21), Arrays.copyOf(p2wpkh, 23), p2tr, new byte[0],
                ScriptBuilder.createP2PKOutputScript(new ECKey()).program())) {
            assertReverts(alice, d.addresses().redemption(), r.requestRedemption(BigInteger.valueOf(10_000), bad),
                    "BadScript()", false);
        }
        assertReverts(alice, d.addresses().redemption(), r.requestRedemption(BigInteger.valueOf(10_000), new byte[] {
            0x76, (byte) 0xa9, 0x14, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, (byte) 0x88,
            (byte) 0xad}), "BadScript()", true);
        // no allowance left beyond what was approved
        asAlice.approve(d.addresses().redemption(), BigInteger.ZERO).send();
        assertReverts(alice, d.addresses().redemption(), r.requestRedemption(BigInteger.valueOf(10_000), p2wpkh),
                "InsufficientAllowance()", false);
    }

    @Test
    void completionDigestIsTheEip712EncodingOfTheSequenceArray() throws Exception {
        byte[] txid = Sidechain.random32();
        List<BigInteger> seqs = List.of(BigInteger.valueOf(7), BigInteger.valueOf(9), BigInteger.TWO.pow(255));
        byte[] java = eip712.completeRedemptions(redemptionAddress, seqs, txid, 3);
        assertThat(d.redemption().completeDigest(seqs, txid, BigInteger.valueOf(3)).send()).isEqualTo(java);
        // A third encoder, web3j's generic EIP-712 one, agrees on the array member.
        String typed = """
                {"types": {"EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                  {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
                 "CompleteRedemptions": [{"name": "sequences", "type": "uint256[]"},
                  {"name": "bitcoinTxid", "type": "bytes32"}, {"name": "epoch", "type": "uint64"}]},
                 "primaryType": "CompleteRedemptions",
                 "domain": {"name": "Synod Redemption", "version": "1", "chainId": %d, "verifyingContract": "%s"},
                 "message": {"sequences": [7, 9, 1000000], "bitcoinTxid": "0x%s", "epoch": 3}}
                """.formatted(chain.devnet.evmChainId(), redemptionAddress, HexFormat.of().formatHex(txid));
        List<BigInteger> small = List.of(BigInteger.valueOf(7), BigInteger.valueOf(9), BigInteger.valueOf(1_000_000));
        assertThat(new org.web3j.crypto.StructuredDataEncoder(typed).hashStructuredData())
                .isEqualTo(eip712.completeRedemptions(redemptionAddress, small, txid, 3))
                .isEqualTo(d.redemption().completeDigest(small, txid, BigInteger.valueOf(3)).send());
        // Order, membership and the txid are all bound.
        assertThat(eip712.completeRedemptions(redemptionAddress, List.of(seqs.get(1), seqs.get(0), seqs.get(2)), txid, 3))
                .isNotEqualTo(java);
        assertThat(eip712.completeRedemptions(redemptionAddress, seqs.subList(0, 2), txid, 3)).isNotEqualTo(java);
        assertThat(eip712.completeRedemptions(redemptionAddress, seqs, Sidechain.random32(), 3)).isNotEqualTo(java);
    }

    @Test
    void oneGroupSignatureCompletesEveryListedRedemptionOnce() throws Exception {
        EvmClient alice = chain.client(Sidechain.key());
        Redemption r = requestRedemptions(alice, 22);

        byte[] first = Sidechain.random32();
        TransactionReceipt one = completion(r, range(1, 1), first).send();
        byte[] batch = Sidechain.random32();
        TransactionReceipt twenty = completion(r, range(2, 21), batch).send();

        assertThat(Redemption.getRedemptionCompletedEvents(twenty)).hasSize(20).allSatisfy(e -> {
            assertThat(e.bitcoinTxid).isEqualTo(batch);
            assertThat(e.epoch).isEqualTo(ONE);
        }).extracting(e -> e.sequence).containsExactlyElementsOf(range(2, 21));
        assertThat(Redemption.getRedemptionCompletedEvents(one)).singleElement()
                .satisfies(e -> assertThat(e.sequence).isEqualTo(ONE));
        for (BigInteger seq : range(1, 22)) {
            var req = r.requests(seq).send();
            boolean done = seq.longValueExact() <= 21;
            assertThat(req.component4()).as("status of " + seq).isEqualTo(done ? BigInteger.TWO : ONE);
            assertThat(req.component5()).isEqualTo(done ? (seq.equals(ONE) ? first : batch) : new byte[32]);
        }
        System.out.printf("completeRedemptions gas used: 1 sequence %s, 20 sequences %s%n", one.getGasUsed(),
                twenty.getGasUsed());

        // A replay, and an overlap with an earlier completion, change nothing: all or nothing.
        assertRevertsWith(alice, redemptionAddress, completion(r, range(2, 21), batch), "NotPending(uint256)", BigInteger.TWO);
        byte[] other = Sidechain.random32();
        List<BigInteger> overlap = range(21, 22);
        assertRevertsWith(alice, redemptionAddress, completion(r, overlap, other), "NotPending(uint256)",
                BigInteger.valueOf(21));
        assertThatThrownBy(() -> completion(r, overlap, other).send()).as("mined as failed")
                .isInstanceOf(org.web3j.protocol.exceptions.TransactionException.class);
        alice.resetNonce();
        assertThat(r.requests(BigInteger.valueOf(22)).send().component4()).isEqualTo(ONE);
        assertThat(r.requests(BigInteger.valueOf(21)).send().component5()).isEqualTo(batch);
        // The rest of a partly completed payout completes on its own.
        assertThat(Redemption.getRedemptionCompletedEvents(completion(r, range(22, 22), batch).send())).hasSize(1);
        assertThat(r.requests(BigInteger.valueOf(22)).send().component4()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void aCompletionOfTheLargestBatchFitsTheMembersTransactionGasLimitWithRoomToSpare() throws Exception {
        EvmClient member = chain.client(Sidechain.key());
        int max = d.redemption().MAX_BATCH().send().intValueExact();
        Redemption r = requestRedemptions(member, max);
        byte[] txid = Sidechain.random32();
        List<BigInteger> all = range(1, max);
        // Sent as members send it: the client's fixed gas limit, no estimate.
        TransactionReceipt full = completion(r, all, txid).send();
        assertThat(Redemption.getRedemptionCompletedEvents(full)).hasSize(max);
        System.out.printf("completeRedemptions gas used: %d sequences %s of %s%n", max, full.getGasUsed(),
                EvmClient.DEFAULT_GAS_LIMIT);
        assertThat(full.getGasUsed()).isLessThan(EvmClient.DEFAULT_GAS_LIMIT.multiply(BigInteger.valueOf(3))
                .divide(BigInteger.valueOf(4)));
    }

    @Test
    void completionRefusesNonCanonicalListsAndUnauthorisedOrUnknownCompletions() throws Exception {
        EvmClient alice = chain.client(Sidechain.key());
        Redemption r = requestRedemptions(alice, 3);
        byte[] txid = Sidechain.random32();
        int max = r.MAX_BATCH().send().intValueExact();
        assertThat(max).isEqualTo(128);

        List<BigInteger> empty = List.of();
        assertRevertsWith(alice, redemptionAddress, completion(r, empty, txid), "EmptyBatch()");
        List<BigInteger> tooMany = range(1, max + 1);
        assertRevertsWith(alice, redemptionAddress, completion(r, tooMany, txid), "BatchTooLarge(uint256,uint256)",
                BigInteger.valueOf(max + 1), BigInteger.valueOf(max));
        List<BigInteger> descending = List.of(ONE, BigInteger.valueOf(3), BigInteger.TWO);
        assertRevertsWith(alice, redemptionAddress, completion(r, descending, txid), "NotAscending(uint256,uint256)",
                BigInteger.TWO, BigInteger.TWO);
        List<BigInteger> duplicate = List.of(ONE, BigInteger.TWO, BigInteger.TWO);
        assertRevertsWith(alice, redemptionAddress, completion(r, duplicate, txid), "NotAscending(uint256,uint256)",
                BigInteger.TWO, BigInteger.TWO);

        List<BigInteger> all = range(1, 3);
        assertReverts(alice, redemptionAddress, r.completeRedemptions(all, new byte[32], ONE,
                groupSign(eip712.completeRedemptions(redemptionAddress, all, new byte[32], 1))), "InvalidValue(string)", false);
        assertRevertsWith(alice, redemptionAddress, r.completeRedemptions(all, txid, BigInteger.TWO,
                groupSign(eip712.completeRedemptions(redemptionAddress, all, txid, 2))), "UnknownEpoch(uint64)", BigInteger.TWO);
        byte[] memberSig = Eip712.sign(eip712.completeRedemptions(redemptionAddress, all, txid, 1), chain.members.get(1));
        assertRevertsWith(alice, redemptionAddress, r.completeRedemptions(all, txid, ONE, memberSig), "WrongSigner(address)",
                Numeric.toBigInt(Sidechain.address(chain.members.get(1))));
        byte[] forAnotherList = groupSign(eip712.completeRedemptions(redemptionAddress, all, txid, 1));
        assertReverts(alice, redemptionAddress, r.completeRedemptions(range(1, 2), txid, ONE, forAnotherList),
                "WrongSigner(address)", true);
        List<BigInteger> withUnknown = List.of(ONE, BigInteger.valueOf(99));
        assertRevertsWith(alice, redemptionAddress, completion(r, withUnknown, txid), "UnknownRedemption(uint256)",
                BigInteger.valueOf(99));
        assertThatThrownBy(() -> completion(r, withUnknown, txid).send())
                .isInstanceOf(org.web3j.protocol.exceptions.TransactionException.class);
        alice.resetNonce();
        assertThat(r.requests(ONE).send().component4()).as("nothing of a refused list is completed").isEqualTo(ONE);
        assertThat(Redemption.getRedemptionCompletedEvents(completion(r, all, txid).send())).hasSize(3);
    }

    /** The completion of {@code seqs} by Bitcoin transaction {@code txid} at epoch 1, signed by the group. */
    private RemoteFunctionCall<TransactionReceipt> completion(Redemption r, List<BigInteger> seqs, byte[] txid) {
        return r.completeRedemptions(seqs, txid, ONE,
                groupSign(eip712.completeRedemptions(redemptionAddress, seqs, txid, 1)));
    }

    /** {@code n} redemptions of 1,000 units by a fresh account: sequences 1..n of this deployment. */
    private Redemption requestRedemptions(EvmClient requester, int n) throws Exception {
        mint(Sidechain.random32(), 0, requester.address(), 1_000L * n);
        WrappedBTC asRequester = WrappedBTC.load(tokenAddress, requester.web3j(), requester.transactionManager(),
                requester.gasProvider());
        asRequester.approve(d.addresses().redemption(), BigInteger.valueOf(1_000L * n)).send();
        Redemption r = Redemption.load(d.addresses().redemption(), requester.web3j(), requester.transactionManager(),
                requester.gasProvider());
        byte[] script = ScriptBuilder.createP2WPKHOutputScript(new ECKey()).program();
        for (int i = 0; i < n; i++) {
            r.requestRedemption(BigInteger.valueOf(1_000), script).send();
        }
        assertThat(r.lastSequence().send()).isEqualTo(BigInteger.valueOf(n));
        return r;
    }

    private static List<BigInteger> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).mapToObj(BigInteger::valueOf).toList();
    }

    @Test
    void registryChangesNeedThePreviousEpochsGroupSignature() throws Exception {
        GroupRegistry reg = d.registry();
        String registry = d.addresses().registry();
        ECKeyPair newGroup = Sidechain.key();
        List<String> members = List.of(Sidechain.address(Sidechain.key()), Sidechain.address(Sidechain.key()));
        List<byte[]> txids = List.of(Sidechain.random32(), Sidechain.random32());
        List<BigInteger> vouts = List.of(BigInteger.ZERO, BigInteger.ONE);
        List<Long> voutsL = List.of(0L, 1L);
        byte[] key = Eip712.publicKey64(newGroup);
        byte[] digest = eip712.epochChange(registry, 2, key, 2, members, txids, voutsL);

        // without authority: signed by a member, by the new key itself
        assertReverts(chain.operator, registry, reg.rotate(BigInteger.TWO, key, BigInteger.TWO, members, txids, vouts,
                Eip712.sign(digest, chain.members.get(0))), "NotAuthorised(address)", true);
        assertReverts(chain.operator, registry, reg.rotate(BigInteger.TWO, key, BigInteger.TWO, members, txids, vouts,
                Eip712.sign(digest, newGroup)), "NotAuthorised(address)", false);
        // a skipped epoch number
        byte[] three = groupSign(eip712.epochChange(registry, 3, key, 2, members, txids, voutsL));
        assertReverts(chain.operator, registry, reg.rotate(BigInteger.valueOf(3), key, BigInteger.TWO, members, txids,
                vouts, three), "UnknownEpoch(uint64)", false);
        // invalid epochs, even when signed
        byte[] zeroThreshold = groupSign(eip712.epochChange(registry, 2, key, 0, members, txids, voutsL));
        assertReverts(chain.operator, registry, reg.rotate(BigInteger.TWO, key, BigInteger.ZERO, members, txids, vouts,
                zeroThreshold), "InvalidEpoch(string)", false);
        List<String> dup = List.of(members.get(0), members.get(0));
        byte[] dupSig = groupSign(eip712.epochChange(registry, 2, key, 1, dup, txids, voutsL));
        assertReverts(chain.operator, registry, reg.rotate(BigInteger.TWO, key, ONE, dup, txids, vouts, dupSig),
                "InvalidEpoch(string)", false);

        TransactionReceipt r = reg.rotate(BigInteger.TWO, key, BigInteger.TWO, members, txids, vouts, groupSign(digest)).send();
        assertThat(GroupRegistry.getEpochStartedEvents(r)).singleElement()
                .satisfies(e -> assertThat(e.groupAddress).isEqualToIgnoringCase(Sidechain.address(newGroup)));
        assertThat(reg.currentEpoch().send()).isEqualTo(BigInteger.TWO);
        assertThat(reg.members(BigInteger.TWO).send()).containsExactlyElementsOf(members);
        assertThat(reg.stakeOutpoint(BigInteger.TWO, ONE).send().component1()).isEqualTo(txids.get(1));
        assertThat(reg.isActiveMember(members.get(0)).send()).isTrue();
        assertThat(reg.isActiveMember(Sidechain.address(chain.members.get(0))).send()).isFalse();
        // replaying the same authorisation fails: epoch 2 is no longer next
        assertReverts(chain.operator, registry, reg.rotate(BigInteger.TWO, key, BigInteger.TWO, members, txids, vouts,
                groupSign(digest)), "UnknownEpoch(uint64)", false);
        // the old group key no longer mints; the new one does
        String user = Sidechain.address(Sidechain.key());
        byte[] txid = Sidechain.random32();
        assertReverts(chain.operator, tokenAddress, d.token().mint(txid, ONE, user, BigInteger.TEN, BigInteger.TWO,
                groupSign(eip712.mint(tokenAddress, txid, 1, user, BigInteger.TEN, 2))), "WrongSigner(address)", false);
        d.token().mint(txid, ONE, user, BigInteger.TEN, BigInteger.TWO,
                Eip712.sign(eip712.mint(tokenAddress, txid, 1, user, BigInteger.TEN, 2), newGroup)).send();
        assertReverts(chain.operator, registry, reg.groupAddress(BigInteger.valueOf(3)), "UnknownEpoch(uint64)", false);

        // evidence is bound once; only the evidence contract confiscates
        assertReverts(chain.operator, registry, reg.bindEvidence(d.addresses().evidence(), groupSign(Sidechain.random32())),
                "EvidenceAlreadyBound()", false);
        assertReverts(chain.operator, registry, reg.confiscate(members.get(0), Sidechain.random32()),
                "NotEvidence(address)", true);
    }

    @Test
    void membersPostSignedMessagesAndOnlyMembers() throws Exception {
        MessageBoard board = d.board();
        String boardAddress = d.addresses().board();
        byte[] session = Sidechain.random32();
        byte[] payload = "round-1 commitment".getBytes(StandardCharsets.UTF_8);
        String broadcast = board.BROADCAST().send();
        ECKeyPair m0 = chain.members.get(0);
        byte[] sig = Eip712.sign(eip712.boardMessage(boardAddress, session, 1, broadcast, Hash.sha3(payload)), m0);
        TransactionReceipt r = board.post(session, ONE, broadcast, payload, sig).send();
        assertThat(MessageBoard.getMessagePostedEvents(r)).singleElement().satisfies(e -> {
            assertThat(e.sender).isEqualToIgnoringCase(Sidechain.address(m0));
            assertThat(e.payload).isEqualTo(payload);
            assertThat(e.sequence).isEqualTo(ONE);
        });
        String m1 = Sidechain.address(chain.members.get(1));
        byte[] secret = HexFormat.of().parseHex("c0ffee");
        byte[] toM1 = Eip712.sign(eip712.boardMessage(boardAddress, session, 2, m1, Hash.sha3(secret)), m0);
        board.post(session, BigInteger.TWO, m1, secret, toM1).send();

        assertReverts(chain.operator, boardAddress, board.post(session, ONE, broadcast, payload, sig),
                "AlreadyPosted(bytes32)", true);
        ECKeyPair outsider = Sidechain.key();
        byte[] outsiderSig = Eip712.sign(eip712.boardMessage(boardAddress, session, 1, broadcast, Hash.sha3(payload)),
                outsider);
        assertReverts(chain.operator, boardAddress, board.post(session, ONE, broadcast, payload, outsiderSig),
                "NotActiveMember(address)", false);
        // another member may send the same content: the log keeps one entry per signer
        byte[] sameBySecond = Eip712.sign(eip712.boardMessage(boardAddress, session, 1, broadcast, Hash.sha3(payload)),
                chain.members.get(1));
        assertThat(MessageBoard.getMessagePostedEvents(board.post(session, ONE, broadcast, payload, sameBySecond).send()))
                .singleElement().satisfies(e -> assertThat(e.sequence).isEqualTo(BigInteger.valueOf(3)));
        String stranger = Sidechain.address(outsider);
        byte[] toStranger = Eip712.sign(eip712.boardMessage(boardAddress, session, 3, stranger, Hash.sha3(payload)), m0);
        assertReverts(chain.operator, boardAddress, board.post(session, BigInteger.valueOf(3), stranger, payload,
                toStranger), "NotActiveMember(address)", false);
        assertReverts(chain.operator, boardAddress, board.post(new byte[32], ONE, broadcast, payload, sig),
                "InvalidValue(string)", false);
        assertReverts(chain.operator, boardAddress, board.post(session, BigInteger.ZERO, broadcast, payload, sig),
                "InvalidValue(string)", false);
        assertReverts(chain.operator, boardAddress, board.post(session, ONE, "0x" + "0".repeat(40), payload, sig),
                "InvalidValue(string)", false);
        assertReverts(chain.operator, boardAddress, board.post(session, ONE, broadcast, new byte[0], sig),
                "InvalidValue(string)", false);
    }

    @Test
    void equivocationProofConfiscatesTheCulprit() throws Exception {
        Evidence evidence = d.evidence();
        String evidenceAddress = d.addresses().evidence();
        String boardAddress = d.addresses().board();
        ECKeyPair culprit = chain.members.get(2);
        String culpritAddress = Sidechain.address(culprit);
        byte[] session = Sidechain.random32();
        String recipient = Sidechain.address(chain.members.get(0));
        byte[] a = Hash.sha3("share for member 0, version A".getBytes(StandardCharsets.UTF_8));
        byte[] b = Hash.sha3("share for member 0, version B".getBytes(StandardCharsets.UTF_8));
        byte[] sigA = Eip712.sign(eip712.boardMessage(boardAddress, session, 4, recipient, a), culprit);
        byte[] sigB = Eip712.sign(eip712.boardMessage(boardAddress, session, 4, recipient, b), culprit);
        BigInteger round = BigInteger.valueOf(4);

        assertReverts(chain.operator, evidenceAddress, evidence.proveEquivocation(session, round, recipient, a, sigA, a,
                sigA), "NotEquivocation()", true);
        byte[] otherSigner = Eip712.sign(eip712.boardMessage(boardAddress, session, 4, recipient, b), chain.members.get(1));
        assertReverts(chain.operator, evidenceAddress, evidence.proveEquivocation(session, round, recipient, a, sigA, b,
                otherSigner), "DifferentSigners(address,address)", false);
        // signatures for another round do not prove anything about round 4
        assertReverts(chain.operator, evidenceAddress, evidence.proveEquivocation(session, BigInteger.valueOf(5),
                recipient, a, sigA, b, sigB), "DifferentSigners(address,address)", false);
        assertReverts(chain.operator, evidenceAddress, evidence.proveEquivocation(new byte[32], round, recipient, a, sigA,
                b, sigB), "InvalidValue(string)", false);

        TransactionReceipt r = evidence.proveEquivocation(session, round, recipient, a, sigA, b, sigB).send();
        assertThat(Evidence.getEquivocationProvenEvents(r)).singleElement()
                .satisfies(e -> assertThat(e.culprit).isEqualToIgnoringCase(culpritAddress));
        assertThat(GroupRegistry.getMemberConfiscatedEvents(r)).singleElement()
                .satisfies(e -> assertThat(e.member).isEqualToIgnoringCase(culpritAddress));
        assertThat(d.registry().confiscated(culpritAddress).send()).isTrue();
        assertThat(d.registry().isActiveMember(culpritAddress).send()).isFalse();
        // a confiscated member can no longer post, and cannot be confiscated twice
        byte[] payload = "late".getBytes(StandardCharsets.UTF_8);
        String broadcast = d.board().BROADCAST().send();
        byte[] post = Eip712.sign(eip712.boardMessage(boardAddress, session, 6, broadcast, Hash.sha3(payload)), culprit);
        assertReverts(chain.operator, boardAddress, d.board().post(session, BigInteger.valueOf(6), broadcast, payload,
                post), "NotActiveMember(address)", false);
        assertReverts(chain.operator, evidenceAddress, evidence.proveEquivocation(session, round, recipient, a, sigA, b,
                sigB), "NotActiveMember(address)", false);
    }
}
