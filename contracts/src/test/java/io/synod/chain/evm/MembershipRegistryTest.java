package io.synod.chain.evm;

import static io.synod.chain.evm.Sidechain.assertReverts;
import static org.assertj.core.api.Assertions.assertThat;

import io.synod.chain.evm.contracts.GroupRegistry;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The registry's membership changes on a real anvil: candidate registration (signed by the candidate's identity
 * key), leave requests, and what a rotation records (admission with the next permanent index, departure, exclusion),
 * with every revert. A fresh deployment per test; the candidacy digest is encoded here independently of the contract.
 */
class MembershipRegistryTest {
    private static final BigInteger ONE = BigInteger.ONE;
    private static final byte[] CANDIDACY_TYPEHASH = Hash.sha3(
            "Candidacy(bytes identityKey,bytes encryptionKey,bytes32 stakeTxid,uint32 stakeVout)"
                    .getBytes(StandardCharsets.UTF_8));

    private final Sidechain chain = new Sidechain();
    private final Eip712 eip712 = chain.eip712();
    private SynodDeployment d;
    private GroupRegistry reg;
    private String registry;

    @BeforeEach
    void deploy() {
        d = chain.deploy();
        reg = d.registry();
        registry = d.addresses().registry();
    }

    /** A candidate's registration: identity key, encryption key, stake outpoint. */
    private record Candidacy(ECKeyPair identity, byte[] encryptionKey, byte[] txid, long vout) {
        String address() {
            return Sidechain.address(identity);
        }
    }

    private static Candidacy candidacy() {
        return new Candidacy(Sidechain.key(), new ECKey().getPubKey(), Sidechain.random32(), 1);
    }

    private byte[] digest(Candidacy c) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(CANDIDACY_TYPEHASH);
        s.writeBytes(Hash.sha3(Eip712.publicKey64(c.identity())));
        s.writeBytes(Hash.sha3(c.encryptionKey()));
        s.writeBytes(c.txid());
        s.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(c.vout()), 32));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(new byte[] {0x19, 0x01});
        all.writeBytes(eip712.domainSeparator(Eip712.REGISTRY, registry));
        all.writeBytes(Hash.sha3(s.toByteArray()));
        return Hash.sha3(all.toByteArray());
    }

    private org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> register(Candidacy c, ECKeyPair signer) {
        return reg.registerCandidate(Eip712.publicKey64(c.identity()), c.encryptionKey(), c.txid(),
                BigInteger.valueOf(c.vout()), Eip712.sign(digest(c), signer));
    }

    private GroupRegistry as(ECKeyPair key) {
        EvmClient client = chain.client(key);
        return GroupRegistry.load(registry, client.web3j(), client.transactionManager(), client.gasProvider());
    }

    private byte[] groupSign(byte[] digest) {
        return Eip712.sign(digest, chain.group);
    }

    /** Rotates to epoch 2 with these members and stakes, signed by the current group key. */
    private TransactionReceipt rotate(List<String> members, List<byte[]> txids, List<Long> vouts) throws Exception {
        byte[] key = Eip712.publicKey64(chain.group);
        byte[] sig = groupSign(eip712.epochChange(registry, 2, key, 1, members, txids, vouts));
        return reg.rotate(BigInteger.TWO, key, ONE, members, txids, vouts.stream().map(BigInteger::valueOf).toList(),
                sig).send();
    }

    @Test
    void aCandidateRegistersWithItsIdentitySignatureAndMayThenPostOnTheBoard() throws Exception {
        Candidacy c = candidacy();
        assertThat(reg.candidacyDigest(Eip712.publicKey64(c.identity()), c.encryptionKey(), c.txid(),
                BigInteger.valueOf(c.vout())).send()).as("independent EIP-712 encoding").isEqualTo(digest(c));
        assertThat(reg.mayPost(c.address()).send()).isFalse();

        // A relayer (the operator) sends it: the identity signature, not the sender, names the candidate.
        TransactionReceipt r = register(c, c.identity()).send();
        assertThat(GroupRegistry.getCandidateRegisteredEvents(r)).singleElement().satisfies(e -> {
            assertThat(e.candidate).isEqualToIgnoringCase(c.address());
            assertThat(e.identityKey).isEqualTo(Eip712.publicKey64(c.identity()));
            assertThat(e.encryptionKey).isEqualTo(c.encryptionKey());
            assertThat(e.stakeTxid).isEqualTo(c.txid());
            assertThat(e.stakeVout).isEqualTo(ONE);
        });
        var stored = reg.candidateOf(c.address()).send();
        assertThat(stored.component3()).isEqualTo(c.txid());
        assertThat(stored.component5()).as("open").isTrue();
        assertThat(reg.candidateAddresses().send()).containsExactly(c.address().toLowerCase());
        assertThat(reg.stakeHolder(reg.stakeKey(c.txid(), ONE).send()).send()).isEqualToIgnoringCase(c.address());
        assertThat(reg.isActiveMember(c.address()).send()).isFalse();
        assertThat(reg.mayPost(c.address()).send()).isTrue();
        assertThat(reg.memberIndex(c.address()).send()).isZero();

        // The board now takes the candidate's messages (it must complain and close rounds in its own admission).
        byte[] session = Sidechain.random32();
        byte[] payload = "candidate's round-done".getBytes(StandardCharsets.UTF_8);
        String broadcast = d.board().BROADCAST().send();
        byte[] sig = Eip712.sign(eip712.boardMessage(d.addresses().board(), session, 2, broadcast, Hash.sha3(payload)),
                c.identity());
        assertThat(d.board().post(session, BigInteger.TWO, broadcast, payload, sig).send().isStatusOK()).isTrue();
    }

    @Test
    void registrationRevertsOnBadKeysSignaturesMembersRepeatsAndStakesInUse() throws Exception {
        Candidacy c = candidacy();
        byte[] id = Eip712.publicKey64(c.identity());
        byte[] sig = Eip712.sign(digest(c), c.identity());
        BigInteger vout = BigInteger.valueOf(c.vout());
        assertReverts(chain.operator, registry, reg.registerCandidate(Arrays.copyOf(id, 63), c.encryptionKey(), c.txid(),
                vout, sig), "InvalidCandidate(string)", true);
        byte[] uncompressed = new byte[33];
        uncompressed[0] = 0x04;
        assertReverts(chain.operator, registry, reg.registerCandidate(id, uncompressed, c.txid(), vout, sig),
                "InvalidCandidate(string)", false);
        assertReverts(chain.operator, registry, reg.registerCandidate(id, Arrays.copyOf(c.encryptionKey(), 32), c.txid(),
                vout, sig), "InvalidCandidate(string)", false);
        assertReverts(chain.operator, registry, reg.registerCandidate(id, c.encryptionKey(), new byte[32], vout, sig),
                "InvalidCandidate(string)", false);
        // signed by someone else, or a signature over another stake
        assertReverts(chain.operator, registry, register(c, Sidechain.key()), "NotAuthorised(address)", true);
        Candidacy otherStake = new Candidacy(c.identity(), c.encryptionKey(), Sidechain.random32(), 0);
        assertReverts(chain.operator, registry, reg.registerCandidate(id, c.encryptionKey(), c.txid(), vout,
                Eip712.sign(digest(otherStake), c.identity())), "NotAuthorised(address)", false);
        assertReverts(chain.operator, registry, reg.registerCandidate(id, c.encryptionKey(), c.txid(), vout,
                Arrays.copyOf(sig, 64)), "BadSignature()", false);
        // a current member, the group key itself
        Candidacy member = new Candidacy(chain.members.get(0), c.encryptionKey(), Sidechain.random32(), 0);
        assertReverts(chain.operator, registry, register(member, member.identity()), "InvalidCandidate(string)", false);
        Candidacy group = new Candidacy(chain.group, c.encryptionKey(), Sidechain.random32(), 0);
        assertReverts(chain.operator, registry, register(group, group.identity()), "InvalidCandidate(string)", false);
        // a member's stake outpoint
        var memberStake = reg.stakeOutpoint(ONE, BigInteger.ZERO).send();
        Candidacy stolen = new Candidacy(Sidechain.key(), c.encryptionKey(), memberStake.component1(),
                memberStake.component2().longValueExact());
        assertReverts(chain.operator, registry, register(stolen, stolen.identity()),
                "StakeInUse(bytes32,uint32,address)", true);

        register(c, c.identity()).send();
        // twice, even with another stake
        Candidacy again = new Candidacy(c.identity(), c.encryptionKey(), Sidechain.random32(), 3);
        assertReverts(chain.operator, registry, register(again, again.identity()), "InvalidCandidate(string)", false);
        // another candidate's stake outpoint
        Candidacy copycat = new Candidacy(Sidechain.key(), new ECKey().getPubKey(), c.txid(), c.vout());
        assertReverts(chain.operator, registry, register(copycat, copycat.identity()),
                "StakeInUse(bytes32,uint32,address)", false);
        // the same txid with another vout is another outpoint
        Candidacy sibling = new Candidacy(Sidechain.key(), new ECKey().getPubKey(), c.txid(), 2);
        register(sibling, sibling.identity()).send();
        assertThat(reg.candidateAddresses().send()).hasSize(2);
    }

    @Test
    void anActiveMemberRequestsToLeaveOnce() throws Exception {
        ECKeyPair m = chain.members.get(1);
        GroupRegistry asMember = as(m);
        TransactionReceipt r = asMember.requestLeave().send();
        assertThat(GroupRegistry.getLeaveRequestedEvents(r)).singleElement().satisfies(e -> {
            assertThat(e.member).isEqualToIgnoringCase(Sidechain.address(m));
            assertThat(e.epoch).isEqualTo(ONE);
        });
        assertThat(reg.leaveRequestedIn(Sidechain.address(m)).send()).isEqualTo(ONE);
        // still a member until the group reshares without it
        assertThat(reg.isActiveMember(Sidechain.address(m)).send()).isTrue();
        EvmClient memberClient = chain.client(m);
        assertReverts(memberClient, registry, asMember.requestLeave(), "LeaveAlreadyRequested(address)", true);
        ECKeyPair outsider = Sidechain.key();
        EvmClient outsiderClient = chain.client(outsider);
        assertReverts(outsiderClient, registry, as(outsider).requestLeave(), "NotActiveMember(address)", true);
    }

    @Test
    void aRotationAdmitsCandidatesWithTheNextIndexAndRecordsWhoLeftAndWhoWasExcluded() throws Exception {
        List<String> founders = chain.members.stream().map(Sidechain::address).toList();
        for (int i = 0; i < founders.size(); i++) {
            assertThat(reg.memberIndex(founders.get(i)).send()).isEqualTo(BigInteger.valueOf(i + 1));
        }
        assertThat(reg.nextIndex().send()).isEqualTo(BigInteger.valueOf(4));
        Candidacy c = candidacy();
        register(c, c.identity()).send();
        as(chain.members.get(1)).requestLeave().send();

        // epoch 2: founder 1 stays, founder 2 left (asked), founder 3 excluded (did not ask), the candidate joins
        List<String> members = List.of(founders.get(0), c.address());
        var s0 = reg.stakeOutpoint(ONE, BigInteger.ZERO).send();
        List<byte[]> txids = new ArrayList<>(List.of(s0.component1(), c.txid()));
        List<Long> vouts = new ArrayList<>(List.of(s0.component2().longValueExact(), c.vout()));

        // the candidate must come with the stake it registered
        byte[] key = Eip712.publicKey64(chain.group);
        List<byte[]> wrongStake = List.of(s0.component1(), Sidechain.random32());
        assertReverts(chain.operator, registry, reg.rotate(BigInteger.TWO, key, ONE, members, wrongStake,
                vouts.stream().map(BigInteger::valueOf).toList(),
                groupSign(eip712.epochChange(registry, 2, key, 1, members, wrongStake, vouts))),
                "InvalidEpoch(string)", false);
        // nobody may bring a stake another member holds
        var s2 = reg.stakeOutpoint(ONE, BigInteger.TWO).send();
        List<byte[]> borrowed = List.of(s0.component1(), s2.component1());
        List<Long> borrowedVouts = List.of(vouts.get(0), s2.component2().longValueExact());
        String stranger = Sidechain.address(Sidechain.key());
        List<String> withStranger = List.of(founders.get(0), stranger);
        assertReverts(chain.operator, registry, reg.rotate(BigInteger.TWO, key, ONE, withStranger, borrowed,
                borrowedVouts.stream().map(BigInteger::valueOf).toList(),
                groupSign(eip712.epochChange(registry, 2, key, 1, withStranger, borrowed, borrowedVouts))),
                "StakeInUse(bytes32,uint32,address)", false);

        TransactionReceipt r = rotate(members, txids, vouts);
        assertThat(GroupRegistry.getCandidateAdmittedEvents(r)).singleElement().satisfies(e -> {
            assertThat(e.candidate).isEqualToIgnoringCase(c.address());
            assertThat(e.epoch).isEqualTo(BigInteger.TWO);
            assertThat(e.memberIndex).isEqualTo(BigInteger.valueOf(4));
        });
        assertThat(GroupRegistry.getMemberLeftEvents(r)).singleElement()
                .satisfies(e -> assertThat(e.member).isEqualToIgnoringCase(founders.get(1)));
        assertThat(GroupRegistry.getMemberExcludedEvents(r)).singleElement()
                .satisfies(e -> assertThat(e.member).isEqualToIgnoringCase(founders.get(2)));
        assertThat(reg.memberIndex(c.address()).send()).isEqualTo(BigInteger.valueOf(4));
        assertThat(reg.nextIndex().send()).isEqualTo(BigInteger.valueOf(5));
        assertThat(reg.candidateOf(c.address()).send().component5()).as("no longer open").isFalse();
        assertThat(reg.isActiveMember(c.address()).send()).isTrue();
        assertThat(reg.mayPost(founders.get(2)).send()).isFalse();
        // the registration cannot be reused, and a former member cannot come back under its old index
        assertReverts(chain.operator, registry, register(c, c.identity()), "InvalidCandidate(string)", false);
        List<String> back = List.of(founders.get(0), c.address(), founders.get(2));
        List<byte[]> backTxids = List.of(txids.get(0), txids.get(1), s2.component1());
        List<Long> backVouts = List.of(vouts.get(0), vouts.get(1), s2.component2().longValueExact());
        assertReverts(chain.operator, registry, reg.rotate(BigInteger.valueOf(3), key, ONE, back, backTxids,
                backVouts.stream().map(BigInteger::valueOf).toList(),
                groupSign(eip712.epochChange(registry, 3, key, 1, back, backTxids, backVouts))),
                "InvalidEpoch(string)", false);
    }

    private static final byte[] CONFISCATION_TYPEHASH = Hash.sha3(("ConfiscationRecord(address member,bytes32 stakeTxid,"
            + "uint32 stakeVout,bytes32 confiscationTxid,bytes32 evidenceHash,uint64 epoch)")
                    .getBytes(StandardCharsets.UTF_8));

    /** The confiscation record's EIP-712 digest, encoded here independently of the contract. */
    private byte[] confiscationDigest(String member, byte[] stakeTxid, long vout, byte[] txid, byte[] evidence,
            long epoch) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(CONFISCATION_TYPEHASH);
        s.writeBytes(Numeric.toBytesPadded(Numeric.toBigInt(member), 32));
        s.writeBytes(stakeTxid);
        s.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(vout), 32));
        s.writeBytes(txid);
        s.writeBytes(evidence);
        s.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(epoch), 32));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(new byte[] {0x19, 0x01});
        all.writeBytes(eip712.domainSeparator(Eip712.REGISTRY, registry));
        all.writeBytes(Hash.sha3(s.toByteArray()));
        return Hash.sha3(all.toByteArray());
    }

    @Test
    void theGroupRecordsAConfiscationOnceForTheMembersOwnStakeAndTheMemberIsConfiscated() throws Exception {
        String member = Sidechain.address(chain.members.get(1));
        var stake = reg.stakeOutpoint(ONE, ONE).send();
        byte[] stakeTxid = stake.component1();
        long vout = stake.component2().longValueExact();
        byte[] txid = Sidechain.random32();
        byte[] evidence = Sidechain.random32();
        byte[] digest = confiscationDigest(member, stakeTxid, vout, txid, evidence, 1);
        assertThat(reg.confiscationDigest(member, stakeTxid, stake.component2(), txid, evidence).send())
                .as("independent EIP-712 encoding").isEqualTo(digest);

        // signed by someone other than the group, for another member's stake, with a zero txid
        assertReverts(chain.operator, registry, reg.recordConfiscation(member, stakeTxid, stake.component2(), txid,
                evidence, Eip712.sign(digest, chain.members.get(0))), "NotAuthorised(address)", true);
        var otherStake = reg.stakeOutpoint(ONE, BigInteger.ZERO).send();
        assertReverts(chain.operator, registry, reg.recordConfiscation(member, otherStake.component1(),
                otherStake.component2(), txid, evidence, groupSign(confiscationDigest(member, otherStake.component1(),
                        otherStake.component2().longValueExact(), txid, evidence, 1))),
                "NotTheMembersStake(address,bytes32,uint32)", false);
        assertReverts(chain.operator, registry, reg.recordConfiscation(member, stakeTxid, stake.component2(),
                new byte[32], evidence, groupSign(confiscationDigest(member, stakeTxid, vout, new byte[32], evidence,
                        1))), "InvalidEpoch(string)", false);
        // a signature over another evidence hash does not authorise this one
        assertReverts(chain.operator, registry, reg.recordConfiscation(member, stakeTxid, stake.component2(), txid,
                evidence, groupSign(confiscationDigest(member, stakeTxid, vout, txid, Sidechain.random32(), 1))),
                "NotAuthorised(address)", false);
        assertThat(reg.isActiveMember(member).send()).isTrue();

        TransactionReceipt r = reg.recordConfiscation(member, stakeTxid, stake.component2(), txid, evidence,
                groupSign(digest)).send();
        assertThat(GroupRegistry.getConfiscationRecordedEvents(r)).singleElement().satisfies(e -> {
            assertThat(e.member).isEqualToIgnoringCase(member);
            assertThat(e.epoch).isEqualTo(ONE);
            assertThat(e.stakeTxid).isEqualTo(stakeTxid);
            assertThat(e.confiscationTxid).isEqualTo(txid);
            assertThat(e.evidenceHash).isEqualTo(evidence);
        });
        var stored = reg.confiscationRecords(member).send();
        assertThat(stored.component3()).isEqualTo(txid);
        assertThat(stored.component4()).isEqualTo(evidence);
        assertThat(stored.component5()).isEqualTo(ONE);
        assertThat(reg.confiscated(member).send()).isTrue();
        assertThat(reg.isActiveMember(member).send()).isFalse();
        assertReverts(chain.operator, registry, reg.recordConfiscation(member, stakeTxid, stake.component2(), txid,
                evidence, groupSign(digest)), "ConfiscationAlreadyRecorded(address)", true);
    }
}
