package io.synod.threshold.message;

import java.math.BigInteger;
import java.util.List;

/**
 * Key generation round 5, only after a proven Feldman complaint (GJKR): every member publishes the Pedersen-checked
 * shares (f_d(i), f'_d(i)) it received from each convicted dealer d, so that d's polynomial is reconstructed in
 * public and its contribution stays in the key (dropping it would let a dealer bias the key by aborting).
 */
public record DkgReveal(Header header, List<Integer> dealers, List<BigInteger> shares, List<BigInteger> blindings)
        implements ThresholdMessage {
    public DkgReveal {
        dealers = List.copyOf(dealers);
        shares = List.copyOf(shares);
        blindings = List.copyOf(blindings);
        if (shares.size() != dealers.size() || blindings.size() != dealers.size()) {
            throw new IllegalArgumentException("one share pair per dealer");
        }
    }

    @Override
    public byte[] encode() {
        Wire.Writer w = new Wire.Writer().header(header).u16(dealers.size());
        for (int i = 0; i < dealers.size(); i++) {
            w.u16(dealers.get(i)).scalar(shares.get(i)).scalar(blindings.get(i));
        }
        return w.toBytes();
    }
}
