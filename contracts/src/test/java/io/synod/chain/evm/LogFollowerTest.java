package io.synod.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.synod.chain.FileCursorStore;
import io.synod.chain.evm.contracts.MessageBoard;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;

/** The sidechain log follower on a real anvil: pinned addresses only, and reorganisations by snapshot/revert. */
class LogFollowerTest {

    private final Sidechain chain = new Sidechain();
    private final Eip712 eip712 = chain.eip712();

    /** A consumer that undoes rolled-back blocks, as the peg's sidechain coordinator must. */
    private static final class Consumer implements LogListener {
        final Map<String, List<String>> byBlock = new LinkedHashMap<>();
        final List<String> everDelivered = new ArrayList<>();
        final List<Long> rolledBack = new ArrayList<>();
        final List<String> sources = new ArrayList<>();

        @Override
        public void onLog(Log log) {
            String payload = new String(MessageBoard.getMessagePostedEventFromLog(log).payload, StandardCharsets.UTF_8);
            byBlock.computeIfAbsent(log.getBlockHash(), h -> new ArrayList<>()).add(payload);
            everDelivered.add(payload);
            sources.add(log.getAddress().toLowerCase(Locale.ROOT));
        }

        @Override
        public void onRollback(EvmBlockRef block) {
            rolledBack.add(block.number());
            byBlock.remove(block.hash());
        }

        List<String> current() {
            return byBlock.values().stream().flatMap(List::stream).toList();
        }
    }

    private void post(SynodDeployment d, String text) throws Exception {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] session = Hash.sha3("follower-test".getBytes(StandardCharsets.UTF_8));
        String broadcast = d.board().BROADCAST().send();
        byte[] sig = Eip712.sign(eip712.boardMessage(d.addresses().board(), session, 1, broadcast, Hash.sha3(payload)),
                chain.members.get(0));
        d.board().post(session, BigInteger.ONE, broadcast, payload, sig).send();
    }

    private long blockNumber() throws Exception {
        return chain.operator.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    private String rpcResult(String method, String params) throws Exception {
        return new ObjectMapper().readTree(chain.devnet.evmCall(method, params)).path("result").asText();
    }

    @Test
    void lookAlikeEventsFromAnotherContractAddressAreIgnored(@TempDir Path dir) throws Exception {
        SynodDeployment real = chain.deploy();
        SynodDeployment lookAlike = chain.deploy(); // same code, same members: byte-identical events elsewhere
        long start = blockNumber() + 1;
        LogFollower follower = new LogFollower(chain.operator.web3j(), real.addresses().all(), 0, 64, start,
                new FileCursorStore<>(dir.resolve("evm.json"), EvmCursor.class));
        post(lookAlike, "forged mint request");
        post(real, "genuine");
        post(lookAlike, "forged again");
        Consumer consumer = new Consumer();
        assertThat(follower.poll(consumer)).isEqualTo(1);
        assertThat(consumer.everDelivered).containsExactly("genuine");
        assertThat(consumer.sources).containsOnly(real.addresses().board());
        assertThat(follower.poll(consumer)).isZero();
    }

    @Test
    void followerSurvivesAReorganisationWithoutLosingOrRepeatingEvents(@TempDir Path dir) throws Exception {
        SynodDeployment d = chain.deploy();
        long start = blockNumber() + 1;
        FileCursorStore<EvmCursor> finalStore = new FileCursorStore<>(dir.resolve("final.json"), EvmCursor.class);
        LogFollower deep = new LogFollower(chain.operator.web3j(), d.addresses().all(), 2, 64, start, finalStore);
        LogFollower eager = new LogFollower(chain.operator.web3j(), d.addresses().all(), 0, 64, start,
                new FileCursorStore<>(dir.resolve("eager.json"), EvmCursor.class));
        Consumer fin = new Consumer();
        Consumer now = new Consumer();

        post(d, "A");
        rpcResult("evm_mine", "[]");
        rpcResult("evm_mine", "[]");
        deep.poll(fin);
        eager.poll(now);
        assertThat(fin.everDelivered).containsExactly("A");
        assertThat(now.everDelivered).containsExactly("A");

        String snapshot = rpcResult("evm_snapshot", "[]");
        post(d, "B");
        long orphanedHeight = blockNumber();
        eager.poll(now);
        deep.poll(fin);
        assertThat(now.everDelivered).containsExactly("A", "B");
        assertThat(fin.everDelivered).containsExactly("A"); // B is not final yet

        assertThat(rpcResult("evm_revert", "[\"" + snapshot + "\"]")).isEqualTo("true");
        chain.operator.resetNonce();
        post(d, "C"); // the new chain has C where B was
        rpcResult("evm_mine", "[]");
        rpcResult("evm_mine", "[]");
        eager.poll(now);
        deep.poll(fin);

        assertThat(now.rolledBack).containsExactly(orphanedHeight);
        assertThat(now.current()).containsExactly("A", "C");
        assertThat(fin.rolledBack).isEmpty();
        assertThat(fin.everDelivered).containsExactly("A", "C");

        // A restarted follower on the same cursor repeats nothing.
        LogFollower restarted = new LogFollower(chain.operator.web3j(), d.addresses().all(), 2, 64, start, finalStore);
        Consumer after = new Consumer();
        assertThat(restarted.poll(after)).isZero();
        post(d, "D");
        rpcResult("evm_mine", "[]");
        rpcResult("evm_mine", "[]");
        restarted.poll(after);
        assertThat(after.everDelivered).containsExactly("D");
    }

    @Test
    void anvilReorgOfADeliveredBlockIsRolledBack(@TempDir Path dir) throws Exception {
        SynodDeployment d = chain.deploy();
        long start = blockNumber() + 1;
        LogFollower eager = new LogFollower(chain.operator.web3j(), d.addresses().all(), 0, 64, start,
                new FileCursorStore<>(dir.resolve("eager.json"), EvmCursor.class));
        Consumer now = new Consumer();
        post(d, "E");
        long height = blockNumber();
        eager.poll(now);
        assertThat(now.current()).containsExactly("E");

        // anvil replaces the last block with an empty one at the same height; its logs vanish silently.
        rpcResult("anvil_reorg", "[1, []]");
        chain.operator.resetNonce();
        assertThat(blockNumber()).isEqualTo(height);
        eager.poll(now);
        assertThat(now.rolledBack).containsExactly(height);
        assertThat(now.current()).isEmpty();
        post(d, "F");
        eager.poll(now);
        assertThat(now.current()).containsExactly("F");
        assertThat(now.everDelivered).containsExactly("E", "F");
    }
}
