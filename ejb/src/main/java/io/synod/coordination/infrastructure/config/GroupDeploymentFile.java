package io.synod.coordination.infrastructure.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import io.synod.chain.evm.SynodDeployment;

/**
 * Where this member recorded the group's contracts after checking epoch 1 (a file in the server's data directory,
 * written atomically once): the group id (genesis session), the chain id and the five pinned addresses. These are
 * public facts, each re-checked against the chain when read ({@link SynodDeployment#attach}); the file only saves a
 * restarted member from having to find the signed binding on the board again.
 */
public record GroupDeploymentFile(byte[] groupId, long chainId, SynodDeployment.Addresses addresses) {
    public static final String FILE = "group-deployment.properties";
    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> KEYS = List.of("group", "chain-id", "registry", "token", "redemption", "board",
            "evidence");

    public GroupDeploymentFile {
        groupId = groupId.clone();
        if (groupId.length != 32 || chainId < 1) {
            throw new IllegalArgumentException("32-byte group id and a positive chain id");
        }
    }

    @Override
    public byte[] groupId() {
        return groupId.clone();
    }

    /** The recorded deployment of this group on this chain, if this member recorded one. */
    public static Optional<GroupDeploymentFile> read(Path dir, byte[] groupId, long chainId) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = TextFiles.load(file, "group deployment");
        for (String k : p.stringPropertyNames()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("group deployment " + file + ": unknown entry " + k);
            }
        }
        GroupDeploymentFile f = new GroupDeploymentFile(HEX.parseHex(p.getProperty("group", "")),
                Long.parseLong(p.getProperty("chain-id", "0")), new SynodDeployment.Addresses(
                        p.getProperty("registry"), p.getProperty("token"), p.getProperty("redemption"),
                        p.getProperty("board"), p.getProperty("evidence")));
        if (!java.util.Arrays.equals(f.groupId, groupId) || f.chainId != chainId) {
            // Another group's (an earlier run's) record: not this group's contracts.
            return Optional.empty();
        }
        return Optional.of(f);
    }

    public void write(Path dir) {
        SynodDeployment.Addresses a = addresses;
        TextFiles.replace(dir.resolve(FILE), "# Synod: the group's contracts, recorded after checking epoch 1\n"
                + "group=" + HEX.formatHex(groupId) + "\nchain-id=" + chainId + "\nregistry=" + a.registry()
                + "\ntoken=" + a.token() + "\nredemption=" + a.redemption() + "\nboard=" + a.board()
                + "\nevidence=" + a.evidence() + "\n", "group deployment");
    }
}
