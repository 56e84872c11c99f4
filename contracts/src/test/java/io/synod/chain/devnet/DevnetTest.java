package io.synod.chain.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetTest {

    @Test
    void sharedDevnetAnswersOnLoopbackAndIsPastSegwitAndCltvHeights() {
        Devnet devnet = Devnet.shared();
        assertThat(devnet.bitcoinRpcUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(devnet.evmRpcUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(devnet.bitcoinRpc().getBlockCount().value()).isGreaterThanOrEqualTo(Devnet.MATURE_HEIGHT);
        assertThat(devnet.bitcoinRpc().call("getblockchaininfo").path("chain").asText()).isEqualTo("regtest");
        assertThat(devnet.evmCall("eth_chainId", "[]")).contains("0x7a69");
        // the RPC password is not on bcoin's command line (bcoin also retitles itself "bcoin" once started)
        Path cmdline = Path.of("/proc", Long.toString(devnet.bitcoinPid()), "cmdline");
        if (Files.isReadable(cmdline)) {
            assertThat(new String(readAll(cmdline), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("bcoin").doesNotContain(devnet.bitcoinRpcPassword());
        }
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void closeStopsBothNodesByPidAndAStaleRunIsCleanedFromItsPidfiles(@TempDir Path dir) throws Exception {
        Devnet first = Devnet.start(dir);
        long bcoinPid = first.bitcoinPid();
        long anvilPid = first.evmPid();
        assertThat(Files.readString(dir.resolve("bcoin.pid")).trim()).isEqualTo(Long.toString(bcoinPid));
        // A second launcher in the same directory finds the first run's pidfiles and stops those nodes first,
        // as after a killed test JVM.
        Devnet second = Devnet.start(dir);
        assertThat(ProcessHandle.of(bcoinPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(anvilPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        long secondBcoin = second.bitcoinPid();
        // anvil's old block states go to this devnet's directory (a stale one is dropped), and go with it on close
        Files.createDirectories(dir.resolve("anvil-states/left-by-a-killed-anvil"));
        assertThat(new String(Files.readAllBytes(Path.of("/proc", Long.toString(second.evmPid()), "cmdline")),
                java.nio.charset.StandardCharsets.UTF_8)).contains(dir.resolve("anvil-states").toString());
        second.close();
        assertThat(dir.resolve("anvil-states")).doesNotExist();
        assertThat(ProcessHandle.of(secondBcoin).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dir.resolve("bcoin.pid")).doesNotExist();
        assertThat(dir.resolve("anvil.pid")).doesNotExist();
        first.close(); // already stopped: closing again is harmless
    }
}
