package io.synod.chain.evm;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.evm.contracts.Evidence;
import io.synod.chain.evm.contracts.GroupRegistry;
import io.synod.chain.evm.contracts.MessageBoard;
import io.synod.chain.evm.contracts.Redemption;
import io.synod.chain.evm.contracts.WrappedBTC;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Synod's five contracts on one chain, by pinned address. {@link #deploy} deploys them in dependency order and binds
 * the evidence contract with a group signature; {@link #attach} loads existing ones. Both run {@link #selfCheck()}
 * before returning, so no caller ever uses a deployment with an unset group key, a zero threshold or contracts
 * wired to other contracts than these.
 */
public final class SynodDeployment {

    /** The pinned addresses of one deployment (lowercase hex). */
    public record Addresses(String registry, String token, String redemption, String board, String evidence) {

        public Addresses {
            registry = pin(registry);
            token = pin(token);
            redemption = pin(redemption);
            board = pin(board);
            evidence = pin(evidence);
        }

        public Set<String> all() {
            return Set.of(registry, token, redemption, board, evidence);
        }

        static String pin(String a) {
            if (a == null || !a.matches("0x[0-9a-fA-F]{40}") || new BigInteger(a.substring(2), 16).signum() == 0) {
                throw new IllegalArgumentException("not a usable contract address: " + a);
            }
            return a.toLowerCase(Locale.ROOT);
        }
    }

    private final EvmClient client;
    private final Addresses addresses;
    private final GroupRegistry registry;
    private final WrappedBTC token;
    private final Redemption redemption;
    private final MessageBoard board;
    private final Evidence evidence;

    private SynodDeployment(EvmClient client, Addresses a) {
        this.client = client;
        this.addresses = a;
        var tm = client.transactionManager();
        var gas = client.gasProvider();
        this.registry = GroupRegistry.load(a.registry(), client.web3j(), tm, gas);
        this.token = WrappedBTC.load(a.token(), client.web3j(), tm, gas);
        this.redemption = Redemption.load(a.redemption(), client.web3j(), tm, gas);
        this.board = MessageBoard.load(a.board(), client.web3j(), tm, gas);
        this.evidence = Evidence.load(a.evidence(), client.web3j(), tm, gas);
    }

    public static SynodDeployment deploy(EvmClient client, GenesisEpoch genesis, GroupSigner groupSigner) {
        Addresses a = deployUnbound(client, genesis);
        return bind(client, a, groupSigner.sign(new Eip712(client.chainId()).bindEvidence(a.registry(), a.evidence(), 1)));
    }

    /**
     * First half of {@link #deploy}: the five contracts in dependency order, the evidence contract not yet bound (so
     * nothing may use them yet: {@link #attach} refuses them). The group then signs the binding over its own
     * session, however long that takes, and anyone holding the signature finishes with {@link #bind}.
     */
    public static Addresses deployUnbound(EvmClient client, GenesisEpoch genesis) {
        try {
            var w = client.web3j();
            var tm = client.transactionManager();
            var gas = client.gasProvider();
            List<byte[]> txids = genesis.stakes().stream().map(o -> o.txid().displayBytes()).toList();
            List<BigInteger> vouts = genesis.stakes().stream().map(o -> BigInteger.valueOf(o.vout())).toList();
            GroupRegistry registry = GroupRegistry.deploy(w, tm, gas, genesis.groupPublicKey(),
                    BigInteger.valueOf(genesis.threshold()), genesis.members(), txids, vouts).send();
            WrappedBTC token = WrappedBTC.deploy(w, tm, gas, registry.getContractAddress()).send();
            Redemption redemption = Redemption.deploy(w, tm, gas, registry.getContractAddress(),
                    token.getContractAddress()).send();
            MessageBoard board = MessageBoard.deploy(w, tm, gas, registry.getContractAddress()).send();
            Evidence evidence = Evidence.deploy(w, tm, gas, registry.getContractAddress(), board.getContractAddress())
                    .send();
            return new Addresses(registry.getContractAddress(), token.getContractAddress(),
                    redemption.getContractAddress(), board.getContractAddress(), evidence.getContractAddress());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("deployment failed: " + e.getMessage(), e);
        }
    }

    /**
     * Second half of {@link #deploy}: binds the evidence contract with the group's signature (r ‖ s ‖ v over
     * {@link Eip712#bindEvidence} for the registry's current epoch), unless it is bound already, then attaches.
     */
    public static SynodDeployment bind(EvmClient client, Addresses a, byte[] groupSignature) {
        GroupRegistry registry = GroupRegistry.load(a.registry(), client.web3j(), client.transactionManager(),
                client.gasProvider());
        try {
            String bound = registry.evidence().send();
            if (bound == null || new BigInteger(bound.substring(2), 16).signum() == 0) {
                registry.bindEvidence(a.evidence(), groupSignature).send();
            }
        } catch (Exception e) {
            // Several holders of the signature may race to bind; losing the race is fine if the winner bound these.
            try {
                if (!a.evidence().equalsIgnoreCase(registry.evidence().send())) {
                    throw new IllegalStateException("binding the evidence contract failed: " + e.getMessage(), e);
                }
            } catch (IllegalStateException again) {
                throw again;
            } catch (Exception again) {
                throw new IllegalStateException("binding the evidence contract failed: " + e.getMessage(), e);
            }
        }
        return attach(client, a);
    }

    public static SynodDeployment attach(EvmClient client, Addresses addresses) {
        SynodDeployment d = new SynodDeployment(client, addresses);
        d.selfCheck();
        return d;
    }

    /** Checks every invariant the rest of Synod relies on; throws {@link DeploymentCheckException} naming the first broken one. */
    public void selfCheck() {
        try {
            for (String a : addresses.all()) {
                String code = client.web3j().ethGetCode(a, DefaultBlockParameterName.LATEST).send().getCode();
                require(code != null && code.length() > 2, "contract code at " + a);
            }
            long chain = client.web3j().ethChainId().send().getChainId().longValueExact();
            require(chain == client.chainId(), "chain id " + client.chainId());
            BigInteger epoch = registry.currentEpoch().send();
            require(epoch.signum() > 0, "registry has a current epoch");
            require(registry.threshold(epoch).send().signum() > 0, "threshold not zero");
            byte[] key = registry.groupPublicKey(epoch).send();
            require(key.length == 64 && new BigInteger(1, key).signum() != 0, "group key set");
            require(same(registry.groupAddress(epoch).send(), Eip712.addressOf(key)), "group address derives from key");
            require(!registry.members(epoch).send().isEmpty(), "members set");
            require(same(registry.evidence().send(), addresses.evidence()), "registry bound to this evidence contract");
            require(same(token.registry().send(), addresses.registry()), "token uses this registry");
            require(token.decimals().send().intValue() == 8, "token has 8 decimals");
            require(same(redemption.registry().send(), addresses.registry()), "redemption uses this registry");
            require(same(redemption.token().send(), addresses.token()), "redemption burns this token");
            require(same(board.registry().send(), addresses.registry()), "board uses this registry");
            require(same(evidence.registry().send(), addresses.registry()), "evidence uses this registry");
            require(same(evidence.board().send(), addresses.board()), "evidence checks this board");
        } catch (DeploymentCheckException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new DeploymentCheckException("contracts answer as expected (" + e.getMessage() + ")");
        }
    }

    static void require(boolean holds, String invariant) {
        if (!holds) {
            throw new DeploymentCheckException(invariant);
        }
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }

    public Addresses addresses() {
        return addresses;
    }

    public GroupRegistry registry() {
        return registry;
    }

    public WrappedBTC token() {
        return token;
    }

    public Redemption redemption() {
        return redemption;
    }

    public MessageBoard board() {
        return board;
    }

    public Evidence evidence() {
        return evidence;
    }

    /** The outpoint as the contracts take it (txid in display byte order). */
    public static byte[] txidBytes(Outpoint o) {
        return o.txid().displayBytes();
    }
}
