package io.synod.coordination.application;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.web3j.crypto.ECKeyPair;

import io.synod.chain.evm.EvmClient;
import io.synod.coordination.domain.GenesisResult;
import io.synod.membership.domain.FoundingSet;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.message.MessageSigner;

/**
 * A completed genesis over the board, for tests of what comes after (membership changes): the founders' keys and
 * sidechain clients, the sealed shares and the result, all from {@link GenesisHarness}. Public so that tests in
 * other packages can start from a real group.
 */
public final class GenesisFixture implements AutoCloseable {
    private final GenesisHarness h;
    private final GenesisResult result;

    private GenesisFixture(GenesisHarness h, GenesisResult result) {
        this.h = h;
        this.result = result;
    }

    /** n founders generate a key of degree t over the ceremony board; fails unless every founder completes. */
    public static GenesisFixture run(int n, int t) throws Exception {
        GenesisHarness h = new GenesisHarness(n, t);
        List<GenesisCoordinator> cs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            cs.add(h.start(i));
        }
        GenesisHarness.runAll(cs, Duration.ofSeconds(90));
        for (GenesisCoordinator c : cs) {
            if (c.status() != GenesisCoordinator.Status.COMPLETE) {
                h.close();
                throw new IllegalStateException("genesis did not complete at member " + c.self() + ": " + c.failure());
            }
        }
        return new GenesisFixture(h, cs.get(0).result().orElseThrow());
    }

    public FoundingSet founders() {
        return h.founders;
    }

    public GenesisResult result() {
        return result;
    }

    public Map<Integer, KeyShare> shares() {
        return new TreeMap<>(h.sealed);
    }

    public ECKeyPair identity(int i) {
        return h.identities.get(i);
    }

    public BigInteger decryptionKey(int i) {
        return h.decryptionKeys.get(i);
    }

    public EvmClient client(int i) {
        return h.clients.get(i);
    }

    public MessageSigner signer(int i) {
        return h.signer(i);
    }

    /** A funded sidechain client for another key (a candidate, a relayer). */
    public EvmClient fundedClient(ECKeyPair key) {
        return h.fundedClient(key);
    }

    /** r ‖ s ‖ v over a raw digest by the founders' shares (only for the deployment's evidence binding). */
    public byte[] signRaw(byte[] digest) {
        return GroupSignatures.ethereum(GroupSignatures.sign(h.sealed, h.n, h.founders.t(), digest));
    }

    @Override
    public void close() {
        h.close();
    }
}
