package io.synod.chain.evm;

import io.synod.chain.bitcoin.BlockRef;
import io.synod.chain.evm.contracts.HeaderRelay;
import io.synod.chain.evm.contracts.ReserveAttestation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Locale;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The group jobs' two contracts beside a {@link SynodDeployment}: the proof-of-reserves attestation (bound to the
 * deployment's registry and token) and the Bitcoin header relay (bound to the registry, anchored at a checkpoint
 * block). Deployed separately so the core deployment and its checks stay as they are; {@link #selfCheck} holds both
 * to the same registry and token.
 */
public final class GroupJobsDeployment {

    /** The pinned addresses (lowercase hex). */
    public record Addresses(String reserveAttestation, String headerRelay) {

        public Addresses {
            reserveAttestation = SynodDeployment.Addresses.pin(reserveAttestation);
            headerRelay = SynodDeployment.Addresses.pin(headerRelay);
        }

    }

    private final EvmClient client;
    private final SynodDeployment core;
    private final Addresses addresses;
    private final ReserveAttestation reserves;
    private final HeaderRelay relay;

    private GroupJobsDeployment(EvmClient client, SynodDeployment core, Addresses a) {
        this.client = client;
        this.core = core;
        this.addresses = a;
        this.reserves = ReserveAttestation.load(a.reserveAttestation(), client.web3j(), client.transactionManager(),
                client.gasProvider());
        this.relay = HeaderRelay.load(a.headerRelay(), client.web3j(), client.transactionManager(), client.gasProvider());
    }

    /** Deploys both contracts; the relay starts from {@code checkpoint}, a Bitcoin block the deployer trusts. */
    public static GroupJobsDeployment deploy(EvmClient client, SynodDeployment core, BlockRef checkpoint) {
        try {
            var w = client.web3j();
            var tm = client.transactionManager();
            var gas = client.gasProvider();
            ReserveAttestation r = ReserveAttestation.deploy(w, tm, gas, core.addresses().registry(),
                    core.addresses().token()).send();
            HeaderRelay h = HeaderRelay.deploy(w, tm, gas, core.addresses().registry(), java.util.HexFormat.of().parseHex(checkpoint.hash().hex()),
                    BigInteger.valueOf(checkpoint.height().value())).send();
            return attach(client, core, new Addresses(r.getContractAddress(), h.getContractAddress()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("group jobs deployment failed: " + e.getMessage(), e);
        }
    }

    public static GroupJobsDeployment attach(EvmClient client, SynodDeployment core, Addresses addresses) {
        GroupJobsDeployment d = new GroupJobsDeployment(client, core, addresses);
        d.selfCheck();
        return d;
    }

    /** Code at both addresses, both bound to the core deployment's registry, the attestation to its token. */
    public void selfCheck() {
        try {
            for (String a : new String[] {addresses.reserveAttestation(), addresses.headerRelay()}) {
                String code = client.web3j().ethGetCode(a, DefaultBlockParameterName.LATEST).send().getCode();
                SynodDeployment.require(code != null && code.length() > 2, "contract code at " + a);
            }
            SynodDeployment.require(reserves.registry().send().equalsIgnoreCase(core.addresses().registry()),
                    "reserve attestation uses this registry");
            SynodDeployment.require(reserves.token().send().equalsIgnoreCase(core.addresses().token()), "reserve attestation reads this token");
            SynodDeployment.require(relay.registry().send().equalsIgnoreCase(core.addresses().registry()), "header relay uses this registry");
        } catch (DeploymentCheckException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new DeploymentCheckException("group job contracts answer as expected (" + e.getMessage() + ")");
        }
    }

    public Addresses addresses() {
        return addresses;
    }

    public SynodDeployment core() {
        return core;
    }

    public ReserveAttestation reserveAttestation() {
        return reserves;
    }

    public HeaderRelay headerRelay() {
        return relay;
    }
}
