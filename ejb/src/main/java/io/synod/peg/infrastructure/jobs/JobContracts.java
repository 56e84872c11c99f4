package io.synod.peg.infrastructure.jobs;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The group-job contracts this member works with, kept in a file of its data directory so a restarted member keeps
 * them: the proposer records the ones it deployed, the others the ones they adopted after checking them
 * ({@link JobContractCheck}). Each kind is adopted once and never replaced, so a later proposal naming another
 * contract is refused. Public facts only; safe to call from the peg's timer and the signing core at once.
 */
public final class JobContracts {
    private static final String RESERVE = "reserve-attestation";
    private static final String RELAY = "header-relay";

    private final Path file;
    private final Properties known = new Properties();

    public JobContracts(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                known.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("group job contracts in " + file, e);
            }
        }
    }

    public synchronized Optional<String> reserveAttestation() {
        return Optional.ofNullable(known.getProperty(RESERVE));
    }

    public synchronized Optional<String> headerRelay() {
        return Optional.ofNullable(known.getProperty(RELAY));
    }

    /** Records the attestation contract unless one is known; returns the one known afterwards. */
    public synchronized String adoptReserveAttestation(String address) {
        return adopt(RESERVE, address);
    }

    /** Records the relay contract unless one is known; returns the one known afterwards. */
    public synchronized String adoptHeaderRelay(String address) {
        return adopt(RELAY, address);
    }

    private String adopt(String key, String address) {
        if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("not a contract address: " + address);
        }
        String pinned = address.toLowerCase(Locale.ROOT);
        String had = known.getProperty(key);
        if (had != null) {
            return had;
        }
        known.setProperty(key, pinned);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                known.store(w, "group job contracts of this member (public addresses)");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            known.remove(key);
            throw new UncheckedIOException("recording group job contract in " + file, e);
        }
        return pinned;
    }
}
