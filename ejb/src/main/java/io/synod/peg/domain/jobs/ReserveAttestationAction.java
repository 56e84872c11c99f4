package io.synod.peg.domain.jobs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Txid;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.peg.domain.pegout.ActionBytes;

/**
 * Attest that the group's outputs {@code coins} (all confirmed at or below {@code bitcoinHeight}, whose block is
 * {@code bitcoinBlockHash}) hold {@code reserves}, against the wrapped supply {@code wrappedSupply} read at sidechain
 * block {@code sidechainBlock}, under the group key of {@code epoch}. The coins and the sidechain block are the
 * evidence members recompute from; the contract's EIP-712 message signs the figures.
 */
public record ReserveAttestationAction(String contract, long bitcoinHeight, byte[] bitcoinBlockHash, long reserves,
        long wrappedSupply, long sidechainBlock, long epoch, List<Outpoint> coins) implements SignableAction {

    private static final int MAX_COINS = 10_000;

    public ReserveAttestationAction {
        if (contract == null || !contract.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("reserves: not a contract address");
        }
        if (bitcoinHeight < 1 || bitcoinBlockHash == null || bitcoinBlockHash.length != 32 || reserves < 0
                || wrappedSupply < 0 || sidechainBlock < 0 || epoch < 1 || coins.size() > MAX_COINS) {
            throw new IllegalArgumentException("reserves: a field is out of range");
        }
        for (int i = 1; i < coins.size(); i++) {
            if (coins.get(i - 1).toString().compareTo(coins.get(i).toString()) >= 0) {
                throw new IllegalArgumentException("reserves: coins must be sorted and distinct");
            }
        }
        contract = contract.toLowerCase(Locale.ROOT);
        bitcoinBlockHash = bitcoinBlockHash.clone();
        coins = List.copyOf(coins);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.RESERVE_ATTESTATION;
    }

    @Override
    public byte[] bitcoinBlockHash() {
        return bitcoinBlockHash.clone();
    }

    public BigInteger reservesWord() {
        return BigInteger.valueOf(reserves);
    }

    @Override
    public byte[] encode() {
        ActionBytes b = new ActionBytes().fixed(HexFormat.of().parseHex(contract.substring(2)), 20).i64(bitcoinHeight)
                .fixed(bitcoinBlockHash, 32).i64(reserves).i64(wrappedSupply).i64(sidechainBlock).i64(epoch)
                .u16(coins.size());
        for (Outpoint o : coins) {
            b.fixed(HexFormat.of().parseHex(o.txid().hex()), 32).i64(o.vout());
        }
        return b.toByteArray();
    }

    public static ReserveAttestationAction decode(byte[] encoded) {
        ActionBytes.Reader r = new ActionBytes.Reader(encoded, "reserve attestation");
        String contract = "0x" + HexFormat.of().formatHex(r.fixed(20));
        long height = r.i64();
        byte[] hash = r.fixed(32);
        long reserves = r.i64();
        long supply = r.i64();
        long block = r.i64();
        long epoch = r.i64();
        int n = r.u16();
        List<Outpoint> coins = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String txid = HexFormat.of().formatHex(r.fixed(32));
            long vout = r.i64();
            if (vout < 0 || vout > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("reserve attestation: vout out of range");
            }
            coins.add(new Outpoint(new Txid(txid), (int) vout));
        }
        r.end();
        return new ReserveAttestationAction(contract, height, hash, reserves, supply, block, epoch, coins);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReserveAttestationAction a && Arrays.equals(a.encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
