package io.synod.coordination.infrastructure.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import io.synod.membership.domain.FoundingSet;
import io.synod.shared.domain.Outpoint;

/**
 * The founders' stake payments after genesis, as the founders tell their nodes (path in
 * {@code synod.group.founder-stakes}): the group id and, per founder index, the outpoint ({@code <display txid>:<vout>})
 * of its payment to the group address. Nothing in it is trusted: each member verifies every outpoint on its own
 * Bitcoin node before it signs the rotation that records them ({@code FounderStakeVerifier}).
 *
 * <pre>
 * group=&lt;64 hex&gt;
 * stake.1=&lt;txid&gt;:&lt;vout&gt;   (one per founder, indices as in the founding set)
 * </pre>
 */
public record FounderStakesFile(byte[] groupId, List<Outpoint> stakes) {
    private static final HexFormat HEX = HexFormat.of();

    public FounderStakesFile {
        groupId = groupId.clone();
        stakes = List.copyOf(stakes);
    }

    @Override
    public byte[] groupId() {
        return groupId.clone();
    }

    /** The stakes of this group's founders in index order; empty while the file is absent or names another group. */
    public static Optional<FounderStakesFile> read(Path file, byte[] groupId, FoundingSet founders) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = TextFiles.load(file, "founder stakes");
        if (!HEX.formatHex(groupId).equals(p.getProperty("group", ""))) {
            return Optional.empty();
        }
        List<Outpoint> stakes = new ArrayList<>();
        for (int i : founders.indices().indices()) {
            String v = p.getProperty("stake." + i);
            if (v == null) {
                throw new IllegalArgumentException("founder stakes " + file + ": no stake for founder " + i);
            }
            stakes.add(Outpoint.parse(v.strip()));
        }
        if (p.size() != stakes.size() + 1) {
            throw new IllegalArgumentException("founder stakes " + file + ": entries other than group and stake.i");
        }
        return Optional.of(new FounderStakesFile(groupId, stakes));
    }

    public void write(Path file, FoundingSet founders) {
        StringBuilder out = new StringBuilder("# Synod: the founders' stake payments to the group address\n");
        out.append("group=").append(HEX.formatHex(groupId)).append('\n');
        int[] ix = founders.indices().indices();
        for (int k = 0; k < ix.length; k++) {
            Outpoint o = stakes.get(k);
            out.append("stake.").append(ix[k]).append('=').append(o.displayTxid()).append(':').append(o.vout())
                    .append('\n');
        }
        TextFiles.replace(file, out.toString(), "founder stakes");
    }
}
