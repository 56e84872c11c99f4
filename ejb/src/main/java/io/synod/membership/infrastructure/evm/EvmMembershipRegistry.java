package io.synod.membership.infrastructure.evm;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.web3j.crypto.Hash;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import io.synod.chain.evm.Eip712;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.contracts.GroupRegistry;
import io.synod.membership.domain.Candidacy;
import io.synod.membership.domain.ConfiscationRecord;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.domain.MembershipRegistry;
import io.synod.shared.domain.Outpoint;
import io.synod.threshold.math.Secp256k1;

/**
 * {@link MembershipRegistry} over the GroupRegistry contract at one pinned address, read and written through one
 * member's (or candidate's) client. Txids cross the boundary in the registry's display byte order.
 */
public final class EvmMembershipRegistry implements MembershipRegistry {
    private static final byte[] CANDIDACY_TYPEHASH = Hash.sha3(
            "Candidacy(bytes identityKey,bytes encryptionKey,bytes32 stakeTxid,uint32 stakeVout)"
                    .getBytes(StandardCharsets.UTF_8));

    private static final byte[] CONFISCATION_TYPEHASH = Hash.sha3(("ConfiscationRecord(address member,bytes32 stakeTxid,"
            + "uint32 stakeVout,bytes32 confiscationTxid,bytes32 evidenceHash,uint64 epoch)")
                    .getBytes(StandardCharsets.UTF_8));

    private final EvmClient client;
    private final String address;
    private final GroupRegistry contract;
    private final Eip712 eip712;

    public EvmMembershipRegistry(EvmClient client, String registryAddress) {
        this.client = client;
        this.address = registryAddress.toLowerCase(Locale.ROOT);
        this.contract = GroupRegistry.load(address, client.web3j(), client.transactionManager(), client.gasProvider());
        this.eip712 = new Eip712(client.chainId());
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public long currentEpoch() {
        return read(contract.currentEpoch()).longValueExact();
    }

    @Override
    public EpochRecord epoch(long epoch) {
        BigInteger e = BigInteger.valueOf(epoch);
        @SuppressWarnings("unchecked")
        List<String> members = read(contract.members(e));
        List<Outpoint> stakes = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            var s = read(contract.stakeOutpoint(e, BigInteger.valueOf(i)));
            stakes.add(outpoint(s.component1(), s.component2().intValueExact()));
        }
        return new EpochRecord(epoch, read(contract.groupPublicKey(e)), read(contract.threshold(e)).intValueExact(),
                members, stakes);
    }

    @Override
    public int memberIndex(String member) {
        return read(contract.memberIndex(member)).intValueExact();
    }

    @Override
    public int nextIndex() {
        return read(contract.nextIndex()).intValueExact();
    }

    @Override
    public long leaveRequestedIn(String member) {
        return read(contract.leaveRequestedIn(member)).longValueExact();
    }

    @Override
    public boolean confiscated(String member) {
        return read(contract.confiscated(member));
    }

    @Override
    public Optional<Candidacy> candidacy(String candidate) {
        var c = read(contract.candidateOf(candidate));
        if (c.component1().length != 64) {
            return Optional.empty();
        }
        return Optional.of(new Candidacy(c.component1(), Secp256k1.CURVE.decodePoint(c.component2()),
                outpoint(c.component3(), c.component4().intValueExact())));
    }

    @Override
    public List<Candidacy> openCandidacies() {
        List<Candidacy> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String> all = read(contract.candidateAddresses());
        for (String a : all) {
            if (read(contract.candidateOf(a)).component5()) {
                candidacy(a).ifPresent(out::add);
            }
        }
        return out;
    }

    @Override
    public byte[] candidacyDigest(Candidacy c) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(CANDIDACY_TYPEHASH);
        s.writeBytes(Hash.sha3(c.identityKey()));
        s.writeBytes(Hash.sha3(c.encryptionKey().getEncoded(true)));
        s.writeBytes(displayTxid(c.stake()));
        s.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(c.stake().vout()), 32));
        return registryDigest(s.toByteArray());
    }

    @Override
    public byte[] epochDigest(EpochRecord next) {
        return eip712.epochChange(address, next.epoch(), next.groupPublicKey(), next.threshold(), next.members(),
                next.stakes().stream().map(EvmMembershipRegistry::displayTxid).toList(),
                next.stakes().stream().map(o -> (long) o.vout()).toList());
    }

    @Override
    public void registerCandidate(Candidacy c, byte[] identitySignature) {
        send(contract.registerCandidate(c.identityKey(), c.encryptionKey().getEncoded(true), displayTxid(c.stake()),
                BigInteger.valueOf(c.stake().vout()), identitySignature), "registerCandidate");
    }

    @Override
    public void requestLeave() {
        send(contract.requestLeave(), "requestLeave");
    }

    @Override
    public void rotate(EpochRecord next, byte[] groupSignature) {
        send(contract.rotate(BigInteger.valueOf(next.epoch()), next.groupPublicKey(),
                BigInteger.valueOf(next.threshold()), next.members(),
                next.stakes().stream().map(EvmMembershipRegistry::displayTxid).toList(),
                next.stakes().stream().map(o -> BigInteger.valueOf(o.vout())).toList(), groupSignature), "rotate");
    }

    @Override
    public byte[] confiscationDigest(ConfiscationRecord r) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(CONFISCATION_TYPEHASH);
        s.writeBytes(Numeric.toBytesPadded(Numeric.toBigInt(r.member()), 32));
        s.writeBytes(displayTxid(r.stake()));
        s.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(r.stake().vout()), 32));
        s.writeBytes(HexFormat.of().parseHex(r.confiscationTxid()));
        s.writeBytes(r.evidenceHash());
        s.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(r.epoch()), 32));
        return registryDigest(s.toByteArray());
    }

    @Override
    public void recordConfiscation(ConfiscationRecord r, byte[] groupSignature) {
        send(contract.recordConfiscation(r.member(), displayTxid(r.stake()), BigInteger.valueOf(r.stake().vout()),
                HexFormat.of().parseHex(r.confiscationTxid()), r.evidenceHash(), groupSignature),
                "recordConfiscation");
    }

    @Override
    public Optional<ConfiscationRecord> confiscationRecord(String member) {
        var c = read(contract.confiscationRecords(member));
        if (Arrays.equals(c.component3(), new byte[32])) {
            return Optional.empty();
        }
        return Optional.of(new ConfiscationRecord(member, outpoint(c.component1(), c.component2().intValueExact()),
                HexFormat.of().formatHex(c.component3()), c.component4(), c.component5().longValueExact()));
    }

    /** keccak(0x1901 ‖ the registry's domain separator ‖ keccak(encoded struct)). */
    private byte[] registryDigest(byte[] encodedStruct) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(new byte[] {0x19, 0x01});
        all.writeBytes(eip712.domainSeparator(Eip712.REGISTRY, address));
        all.writeBytes(Hash.sha3(encodedStruct));
        return Hash.sha3(all.toByteArray());
    }

    /** The registry keeps txids in display order (as RPC and explorers show them). */
    static byte[] displayTxid(Outpoint o) {
        return HexFormat.of().parseHex(o.displayTxid());
    }

    static Outpoint outpoint(byte[] displayTxid, int vout) {
        return Outpoint.parse(HexFormat.of().formatHex(displayTxid) + ":" + vout);
    }

    private static <T> T read(RemoteFunctionCall<T> call) {
        try {
            return call.send();
        } catch (Exception e) {
            throw new RegistryException("registry read failed: " + e.getMessage(), e);
        }
    }

    private void send(RemoteFunctionCall<TransactionReceipt> call, String what) {
        try {
            TransactionReceipt r = call.send();
            if (!r.isStatusOK()) {
                throw new RegistryException(what + " failed: status " + r.getStatus(), null);
            }
        } catch (RegistryException e) {
            throw e;
        } catch (Exception e) {
            client.resetNonce();
            // A revert (StakeInUse, InvalidCandidate, NotAuthorised...) arrives here with the node's reason.
            throw new RegistryException(what + " refused by registry " + address + ": " + e.getMessage(), e);
        }
    }
}
