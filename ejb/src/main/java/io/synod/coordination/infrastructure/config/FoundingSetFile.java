package io.synod.coordination.infrastructure.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

import io.synod.coordination.domain.GenesisSession;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Secp256k1;

/**
 * The group configuration every founder's node loads (path in {@code synod.group.founding-set}): the genesis
 * session (id, t, first board block, round length in blocks), the ceremony board and registry it runs on, and the
 * founders in index order with their identity key (x ‖ y, hex) and ECIES key (compressed, hex). A properties file,
 * so operators can read and diff it; every value is checked on read and a file with anything unknown is refused.
 *
 * <pre>
 * session=&lt;64 hex&gt;           threshold=1            round-blocks=1000     start-block=12
 * board=0x&lt;40 hex&gt;             registry=0x&lt;40 hex&gt;
 * member.1.identity=&lt;128 hex&gt;  member.1.encryption=&lt;66 hex&gt;   (one pair per founder, indices 1..n)
 * </pre>
 */
public record FoundingSetFile(GenesisSession session, String board, String registry) {
    private static final HexFormat HEX = HexFormat.of();

    public FoundingSetFile {
        board = address(board, "board");
        registry = address(registry, "registry");
    }

    private static String address(String a, String what) {
        if (a == null || !a.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException(what + " must be a 0x-prefixed 20-byte address, was " + a);
        }
        return a.toLowerCase(Locale.ROOT);
    }

    public FoundingSet founders() {
        return session.founders();
    }

    public static FoundingSetFile read(Path file) {
        Properties p = TextFiles.load(file, "founding set");
        try {
            return parse(p);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("founding set " + file + " is invalid: " + e.getMessage(), e);
        }
    }

    static FoundingSetFile parse(Properties p) {
        TreeSet<Integer> indices = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.matches("member\\.[1-9][0-9]{0,3}\\.(identity|encryption)")) {
                indices.add(Integer.parseInt(key.split("\\.")[1]));
            } else if (!List.of("session", "threshold", "round-blocks", "start-block", "board", "registry").contains(key)) {
                throw new IllegalArgumentException("unknown entry " + key);
            }
        }
        List<FoundingMember> members = new ArrayList<>();
        for (int i : indices) {
            byte[] identity = HEX.parseHex(required(p, "member." + i + ".identity"));
            byte[] enc = HEX.parseHex(required(p, "member." + i + ".encryption"));
            members.add(new FoundingMember(i, identity, Secp256k1.tryDecode(enc).orElseThrow(
                    () -> new IllegalArgumentException("member " + i + " encryption key is not a compressed point"))));
        }
        FoundingSet founders = new FoundingSet(members, Integer.parseInt(required(p, "threshold")));
        byte[] session = HEX.parseHex(required(p, "session"));
        GenesisSession s = new GenesisSession(new SessionId(session), founders,
                Long.parseLong(required(p, "start-block")), Long.parseLong(required(p, "round-blocks")));
        return new FoundingSetFile(s, required(p, "board"), required(p, "registry"));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v.strip();
    }

    /** Writes the file atomically (a reader polling for it never sees half a file). */
    public void write(Path file) {
        StringBuilder out = new StringBuilder("# Synod founding set: the genesis every founder's node runs\n");
        out.append("session=").append(HEX.formatHex(session.id().bytes())).append('\n');
        out.append("threshold=").append(founders().t()).append('\n');
        out.append("round-blocks=").append(session.roundBlocks()).append('\n');
        out.append("start-block=").append(session.startBlock()).append('\n');
        out.append("board=").append(board).append('\n');
        out.append("registry=").append(registry).append('\n');
        for (FoundingMember m : founders().members()) {
            out.append("member.").append(m.index()).append(".identity=").append(HEX.formatHex(m.identityKey())).append('\n');
            out.append("member.").append(m.index()).append(".encryption=")
                    .append(HEX.formatHex(Secp256k1.encode(m.encryptionKey()))).append('\n');
        }
        TextFiles.replace(file, out.toString(), "founding set");
    }
}
