package io.synod.coordination.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

import io.synod.chain.evm.Eip712;
import io.synod.coordination.domain.GenesisSession;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;

class FoundingSetFileTest {
    private static final SecureRandom RNG = new SecureRandom();

    private static FoundingSetFile sample(int n) {
        List<FoundingMember> ms = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ms.add(new FoundingMember(i, Eip712.publicKey64(ECKeyPair.create(Scalars.random(RNG))),
                    Secp256k1.mulG(Scalars.random(RNG))));
        }
        byte[] sid = new byte[32];
        RNG.nextBytes(sid);
        return new FoundingSetFile(new GenesisSession(new SessionId(sid), new FoundingSet(ms, (n - 1) / 2), 42, 500),
                "0x" + "ab".repeat(20), "0x" + "CD".repeat(20));
    }

    @Test
    void whatIsWrittenReadsBackToTheSameSessionAndFounders(@TempDir Path dir) {
        FoundingSetFile f = sample(5);
        f.write(dir.resolve("group/founding-set.properties"));
        FoundingSetFile r = FoundingSetFile.read(dir.resolve("group/founding-set.properties"));
        assertThat(r.session().id()).isEqualTo(f.session().id());
        assertThat(r.session().startBlock()).isEqualTo(42);
        assertThat(r.session().roundBlocks()).isEqualTo(500);
        assertThat(r.founders().t()).isEqualTo(2);
        assertThat(r.founders().addresses()).isEqualTo(f.founders().addresses());
        assertThat(r.founders().encryptionKeys()).isEqualTo(f.founders().encryptionKeys());
        assertThat(r.registry()).isEqualTo("0x" + "cd".repeat(20));
        assertThat(dir.resolve("group")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void anUnknownEntryAMissingValueOrTooFewFoundersIsRefused(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("fs.properties");
        sample(4).write(p);
        String good = Files.readString(p);
        Files.writeString(p, good + "member.2.stake=00\n");
        assertThatThrownBy(() -> FoundingSetFile.read(p)).hasMessageContaining("unknown entry member.2.stake");
        Files.writeString(p, good.replaceAll("(?m)^board=.*$", ""));
        assertThatThrownBy(() -> FoundingSetFile.read(p)).hasMessageContaining("missing board");
        Files.writeString(p, good.replaceAll("(?m)^member\\.4\\..*$", ""));
        assertThatThrownBy(() -> FoundingSetFile.read(p)).hasMessageContaining("at least 4");
        Files.writeString(p, good.replaceAll("(?m)^(member\\.3\\.encryption=)..", "$104"));
        assertThatThrownBy(() -> FoundingSetFile.read(p)).hasMessageContaining("invalid");
    }

    @Test
    void aFounderCardRoundTripsAndNamesItsIdentityAddress(@TempDir Path dir) {
        ECKeyPair id = ECKeyPair.create(Scalars.random(RNG));
        FounderCard c = new FounderCard(Eip712.publicKey64(id), Secp256k1.encode(Secp256k1.mulG(Scalars.random(RNG))),
                "0x" + "12".repeat(20));
        c.write(dir.resolve(FounderCard.FILE));
        FounderCard r = FounderCard.read(dir.resolve(FounderCard.FILE));
        assertThat(r.identityKey()).isEqualTo(c.identityKey());
        assertThat(r.encryptionKey()).isEqualTo(c.encryptionKey());
        assertThat(r.identityAddress()).isEqualTo(Eip712.addressOf(Eip712.publicKey64(id)).toLowerCase());
    }
}
