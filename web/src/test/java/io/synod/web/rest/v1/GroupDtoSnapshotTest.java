package io.synod.web.rest.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import org.junit.jupiter.api.Test;

import io.synod.coordination.application.GroupPhase;
import io.synod.coordination.application.GroupStatus;
import io.synod.coordination.application.SigningStatus;

/**
 * The wire form of {@code GET /api/v1/group} as the server's JSON-B provider (Yasson, default configuration, as
 * RESTEasy uses it without a resolver: fields in lexicographic order, absent values omitted) writes it, against a
 * snapshot in {@code src/test/resources/snapshots} (indented here for review; the server writes it compact): a
 * renamed, dropped or retyped field fails here before a client (the CLI's {@code GroupApi}, operators' monitoring)
 * does. To accept a deliberate change, run once with {@code -Dsynod.snapshots.write=true} (run from the module
 * directory, as Maven does) and review the diff. The group is n = 5, t = 1 with members 4 and 5 down: signing quorum
 * 3, payout quorum 4, one payout held.
 */
class GroupDtoSnapshotTest {

    private static GroupDto fiveMembersTwoDown() {
        GroupStatus group = new GroupStatus(GroupPhase.READY, Optional.of("aa".repeat(32)), Optional.of(1), 3, 1,
                Optional.of("02" + "bb".repeat(32)), Optional.of("bcrt1qgroupaddress"), 1,
                List.of(new GroupStatus.Member(1, "0x" + "11".repeat(20), "cc".repeat(64)),
                        new GroupStatus.Member(2, "0x" + "22".repeat(20), "dd".repeat(64))),
                Optional.of(new GroupStatus.Card("cc".repeat(64), "0x" + "11".repeat(20), "03" + "ee".repeat(32),
                        "0x" + "33".repeat(20))),
                Optional.of(812L), Optional.empty());
        SigningStatus signing = new SigningStatus(SigningStatus.Phase.SIGNING,
                Optional.of(new SigningStatus.Contracts("0x" + "a1".repeat(20), "0x" + "a2".repeat(20),
                        "0x" + "a3".repeat(20), "0x" + "a4".repeat(20), "0x" + "a5".repeat(20))),
                2, 2, 1, 0, 1, List.of(4, 5), "PAYOUTS_STALLED", 3, 4, 1,
                Optional.of(new SigningStatus.Heartbeat(1, 57, 790, "f0".repeat(32), Optional.of("01".repeat(32)),
                        Optional.of("02".repeat(32)), List.of(1, 2, 3), true)),
                Optional.of("1 payout-kind proposal(s) held back: members [4, 5] are suspected offline and payouts "
                        + "need 4 approvals"));
        return GroupDto.from(group, signing);
    }

    /** Asserts the DTO's JSON equals the named snapshot (or rewrites the snapshot when asked to). */
    private static void assertMatchesSnapshot(Object dto, String name) throws Exception {
        String json;
        try (Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(true))) {
            json = jsonb.toJson(dto).strip();
        }
        if (Boolean.getBoolean("synod.snapshots.write")) {
            Files.writeString(Path.of("src/test/resources/snapshots", name), json + "\n");
            return;
        }
        String expected;
        try (InputStream in = GroupDtoSnapshotTest.class.getResourceAsStream("/snapshots/" + name)) {
            assertThat(in).as("snapshot " + name).isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertThat(json).as("written differently from snapshots/" + name).isEqualTo(expected);
    }

    @Test
    void theGroupViewWithThePayoutQuorumMatchesItsSnapshot() throws Exception {
        assertMatchesSnapshot(fiveMembersTwoDown(), "group.json");
    }

    @Test
    void aNodeNotConfiguredOmitsWhatItDoesNotHave() throws Exception {
        assertMatchesSnapshot(GroupDto.from(
                GroupStatus.of(GroupPhase.NOT_CONFIGURED, "synod.group.founding-set is not set"),
                SigningStatus.of(SigningStatus.Phase.NOT_CONFIGURED, "synod.group.founding-set is not set")),
                "group-not-configured.json");
    }
}
