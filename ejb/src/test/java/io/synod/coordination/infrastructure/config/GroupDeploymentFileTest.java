package io.synod.coordination.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.synod.chain.evm.SynodDeployment;

class GroupDeploymentFileTest {
    private static final SynodDeployment.Addresses A = new SynodDeployment.Addresses("0x" + "a1".repeat(20),
            "0x" + "b2".repeat(20), "0x" + "c3".repeat(20), "0x" + "d4".repeat(20), "0x" + "e5".repeat(20));

    @Test
    void readsBackWhatItWroteForThisGroupAndChainOnly(@TempDir Path dir) throws Exception {
        byte[] group = new byte[32];
        group[0] = 7;
        assertThat(GroupDeploymentFile.read(dir, group, 31337)).isEmpty();
        new GroupDeploymentFile(group, 31337, A).write(dir);
        assertThat(GroupDeploymentFile.read(dir, group, 31337).orElseThrow().addresses()).isEqualTo(A);
        assertThat(GroupDeploymentFile.read(dir, new byte[32], 31337)).as("an earlier group's record").isEmpty();
        assertThat(GroupDeploymentFile.read(dir, group, 1)).as("another chain").isEmpty();

        Files.writeString(dir.resolve(GroupDeploymentFile.FILE),
                Files.readString(dir.resolve(GroupDeploymentFile.FILE)) + "extra=1\n");
        assertThatThrownBy(() -> GroupDeploymentFile.read(dir, group, 31337)).hasMessageContaining("unknown entry");
    }
}
