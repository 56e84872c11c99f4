package io.synod.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synod.chain.bitcoin.FollowerCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCursorStoreTest extends CursorStoreContract {

    @TempDir
    Path dir;

    private final Map<CursorStore<?>, Path> files = new HashMap<>();
    private int next;

    @Override
    protected <C> CursorStore<C> newStore(Class<C> type) {
        Path file = dir.resolve("cursor-" + next++ + ".json");
        FileCursorStore<C> store = new FileCursorStore<>(file, type);
        files.put(store, file);
        return store;
    }

    @Override
    protected <C> CursorStore<C> reopen(CursorStore<C> store, Class<C> type) {
        return new FileCursorStore<>(files.get(store), type);
    }

    @Test
    void theFileFormatIsStable() throws IOException {
        CursorStore<FollowerCursor> store = newStore(FollowerCursor.class);
        store.save(sampleBitcoinCursor());
        // A snapshot: changing it breaks every deployed member's cursor file, so it needs a migration.
        assertThat(Files.readString(files.get(store))).isEqualTo("{\"recentBlocks\":["
                + "{\"height\":1401,\"hash\":\"" + "11".repeat(32) + "\"},"
                + "{\"height\":1402,\"hash\":\"" + "22".repeat(32) + "\"}],"
                + "\"pending\":[{\"outpoint\":{\"txid\":\"" + "aa".repeat(32) + "\",\"vout\":1},\"scriptHex\":\"0014"
                + "ab".repeat(20) + "\",\"value\":150000,\"block\":{\"height\":1402,\"hash\":\"" + "22".repeat(32)
                + "\"}}],"
                + "\"reported\":[{\"outpoint\":{\"txid\":\"" + "bb".repeat(32) + "\",\"vout\":0},\"scriptHex\":\"0014"
                + "cd".repeat(20) + "\",\"value\":2000000,\"block\":{\"height\":1401,\"hash\":\"" + "11".repeat(32)
                + "\"}}]}");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aCorruptFileIsAnErrorNotAFreshStart() throws IOException {
        CursorStore<FollowerCursor> store = newStore(FollowerCursor.class);
        Files.writeString(files.get(store), "{\"recentBlocks\":[{\"height\":-1");
        assertThatThrownBy(store::load).isInstanceOf(UncheckedIOException.class);
    }
}
