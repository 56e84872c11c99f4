package io.synod.peg.infrastructure.pegout;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One web3j call with its checked exceptions mapped: an unreachable node, or a failed (e.g. reverted) call. */
public final class SidechainCall {

    /** A call to the sidechain node. */
    public interface Call<T> {
        T run() throws Exception;
    }

    private SidechainCall() {
    }

    public static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (IOException e) {
            throw new UncheckedIOException("sidechain node unreachable", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("sidechain call failed: " + e.getMessage(), e);
        }
    }
}
