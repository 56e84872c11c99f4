package io.synod.coordination.infrastructure.evm;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.web3j.protocol.core.DefaultBlockParameterName;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.evm.Eip712;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.SynodDeployment;
import io.synod.chain.evm.contracts.Evidence;
import io.synod.chain.evm.contracts.GroupRegistry;
import io.synod.chain.evm.contracts.MessageBoard;
import io.synod.chain.evm.contracts.Redemption;
import io.synod.chain.evm.contracts.WrappedBTC;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.membership.domain.FoundingSet;

/**
 * A member's check of an evidence binding, against its own view of the sidechain and its own genesis result: the
 * chain id is its own; the registry at the named address is at epoch 1 with exactly this member's group key, t,
 * founders and the pending-stake markers of this group; no evidence contract is bound yet; the token, redemption,
 * board and evidence contracts have code and point at that registry (the evidence contract at that board); and
 * this member has not recorded another deployment already. Only then does it sign the EIP-712 binding digest it
 * derives itself.
 */
public final class EvidenceBindingVerifier implements ActionVerifier {
    private final EvmClient client;
    private final byte[] groupKey64;
    private final FoundingSet founders;
    private final List<Outpoint> pendingStakes;
    private final Supplier<Optional<SynodDeployment.Addresses>> recorded;

    public EvidenceBindingVerifier(EvmClient client, byte[] groupKey64, FoundingSet founders, byte[] groupId,
            Supplier<Optional<SynodDeployment.Addresses>> recorded) {
        this.client = client;
        this.groupKey64 = groupKey64.clone();
        this.founders = founders;
        this.pendingStakes = EvmGenesisRecorder.pendingStakes(groupId, founders);
        this.recorded = recorded;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.EVIDENCE_BINDING;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        EvidenceBindingAction a = ActionVerifier.decodeOrRefuse(kind(), encodedAction, EvidenceBindingAction::decode);
        SynodDeployment.Addresses ad = a.addresses();
        if (a.chainId() != client.chainId() || a.epoch() != 1) {
            throw refuse("binding for chain " + a.chainId() + " epoch " + a.epoch()
                    + "; this member records epoch 1 on chain " + client.chainId());
        }
        Optional<SynodDeployment.Addresses> prior = recorded.get();
        if (prior.isPresent() && !prior.get().equals(ad)) {
            throw refuse("this member already recorded the group's registry at "
                    + prior.get().registry());
        }
        try {
            check(ad);
        } catch (ActionRefused r) {
            throw r;
        } catch (Exception e) {
            throw refuse("could not read the contracts: " + e.getMessage());
        }
        return SigningTarget.untweaked(new Eip712(client.chainId()).bindEvidence(ad.registry(), ad.evidence(), 1));
    }

    private void check(SynodDeployment.Addresses ad) throws Exception {
        var w = client.web3j();
        var tm = client.transactionManager();
        var gas = client.gasProvider();
        for (String c : ad.all()) {
            String code = w.ethGetCode(c, DefaultBlockParameterName.LATEST).send().getCode();
            require(code != null && code.length() > 2, "no contract code at " + c);
        }
        GroupRegistry r = GroupRegistry.load(ad.registry(), w, tm, gas);
        BigInteger one = BigInteger.ONE;
        require(r.currentEpoch().send().equals(one), "registry is not at epoch 1");
        require(Arrays.equals(r.groupPublicKey(one).send(), groupKey64),
                "registry's epoch 1 key is not this member's genesis key");
        require(r.threshold(one).send().intValueExact() == founders.t(), "registry's threshold differs");
        @SuppressWarnings("unchecked")
        List<String> members = ((List<Object>) (List<?>) r.members(one).send()).stream()
                .map(o -> o.toString().toLowerCase(Locale.ROOT)).toList();
        require(members.equals(founders.addresses()), "registry's members differ from the founding set");
        for (int i = 0; i < pendingStakes.size(); i++) {
            var s = r.stakeOutpoint(one, BigInteger.valueOf(i)).send();
            require(Arrays.equals(s.component1(), pendingStakes.get(i).txid().displayBytes())
                    && s.component2().intValueExact() == pendingStakes.get(i).vout(),
                    "registry's stake slot " + i + " is not this group's pending-stake marker");
        }
        require(zero(r.evidence().send()), "registry already has an evidence contract bound");
        require(same(WrappedBTC.load(ad.token(), w, tm, gas).registry().send(), ad.registry()), "token's registry");
        require(same(Redemption.load(ad.redemption(), w, tm, gas).registry().send(), ad.registry()),
                "redemption's registry");
        require(same(MessageBoard.load(ad.board(), w, tm, gas).registry().send(), ad.registry()), "board's registry");
        Evidence e = Evidence.load(ad.evidence(), w, tm, gas);
        require(same(e.registry().send(), ad.registry()) && same(e.board().send(), ad.board()),
                "evidence contract's registry or board");
    }

    private static boolean zero(String a) {
        return a == null || new BigInteger(a.substring(2), 16).signum() == 0;
    }

    private static boolean same(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }

    private void require(boolean holds, String what) throws ActionRefused {
        if (!holds) {
            throw refuse(what);
        }
    }
}
