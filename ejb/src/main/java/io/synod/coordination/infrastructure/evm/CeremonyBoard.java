package io.synod.coordination.infrastructure.evm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.contracts.GroupRegistry;
import io.synod.chain.evm.contracts.MessageBoard;
import io.synod.shared.domain.SessionId;
import io.synod.membership.domain.FoundingSet;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Secp256k1;

/**
 * The board genesis runs on. The MessageBoard only accepts posts from active members of its registry's current
 * epoch, and a registry's epoch 1 is fixed at deployment with the group key, which genesis has yet to produce.
 * So genesis runs on a ceremony pair: a registry whose epoch 1 lists the founders under a nothing-up-my-sleeve
 * key (a point hashed from the session id, whose discrete log nobody knows: this registry can never rotate, bind
 * evidence or authorise anything) and a board bound to it. The group's real registry is deployed afterwards with
 * the generated key as its epoch 1 ({@link EvmGenesisRecorder}).
 */
public record CeremonyBoard(String registry, String board, long deployedAtBlock) {

    public static CeremonyBoard deploy(EvmClient client, FoundingSet founders, SessionId session) {
        try {
            var w = client.web3j();
            var tm = client.transactionManager();
            var gas = client.gasProvider();
            List<byte[]> noStake = new ArrayList<>();
            List<BigInteger> vouts = new ArrayList<>();
            for (int i : founders.indices().indices()) {
                // The registry refuses zero txids; the ceremony has no stake, so each slot names that fact.
                noStake.add(Hashing.hash("SYNOD/genesis/ceremony/no-stake", session.bytes(), Hashing.u16(i)));
                vouts.add(BigInteger.ZERO);
            }
            GroupRegistry r = GroupRegistry.deploy(w, tm, gas, ceremonyKey(session), BigInteger.valueOf(founders.t()),
                    founders.addresses(), noStake, vouts).send();
            long block = r.getTransactionReceipt().orElseThrow().getBlockNumber().longValueExact();
            MessageBoard b = MessageBoard.deploy(w, tm, gas, r.getContractAddress()).send();
            return new CeremonyBoard(r.getContractAddress().toLowerCase(java.util.Locale.ROOT),
                    b.getContractAddress().toLowerCase(java.util.Locale.ROOT), block);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new BoardException("ceremony board deployment failed: " + e.getMessage(), e);
        }
    }

    /** x ‖ y of the first curve point with x = H(session id, counter) (try and increment). */
    public static byte[] ceremonyKey(SessionId session) {
        for (int ctr = 0; ; ctr++) {
            byte[] x = Hashing.hash("SYNOD/genesis/ceremony/key", session.bytes(), Hashing.u16(ctr));
            if (new BigInteger(1, x).compareTo(Secp256k1.P) >= 0) {
                continue;
            }
            byte[] enc = new byte[33];
            enc[0] = 0x02;
            System.arraycopy(x, 0, enc, 1, 32);
            Optional<ECPoint> p = Secp256k1.tryDecode(enc);
            if (p.isPresent()) {
                byte[] u = p.get().normalize().getEncoded(false);
                return java.util.Arrays.copyOfRange(u, 1, 65);
            }
        }
    }
}
