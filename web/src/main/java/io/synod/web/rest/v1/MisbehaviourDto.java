package io.synod.web.rest.v1;

import java.util.HexFormat;
import java.util.List;

import io.synod.membership.application.MisbehaviourQueries.MisbehaviourView;

/**
 * Wire form of {@code GET /api/v1/membership/misbehaviour}: this member's convictions (culprit, session, kind and
 * hash of the evidence it verified), false accusations, exclusions (cause and detail), confiscations (stake,
 * state PENDING, BROADCAST, CONFIRMED or RECORDED, Bitcoin txid once known) and missed-deadline tallies.
 * Addresses are lowercase 0x hex, hashes lowercase hex, times ISO-8601 UTC.
 */
public record MisbehaviourDto(List<ConvictionDto> convictions, List<FalseAccusationDto> falseAccusations,
        List<ExclusionDto> exclusions, List<ConfiscationDto> confiscations, List<TallyDto> missedDeadlines) {

    public record ConvictionDto(String culprit, int culpritIndex, String session, String evidenceKind,
            String evidenceHash, String detail, String at) {
    }

    public record FalseAccusationDto(String accuser, int accuserIndex, int accused, String session, String reason,
            String at) {
    }

    public record ExclusionDto(String member, int index, String cause, String detail, String at) {
    }

    public record ConfiscationDto(String member, String stake, String evidenceHash, String state, String bitcoinTxid,
            String at) {
    }

    public record TallyDto(String member, int index, int missedInARow) {
    }

    static MisbehaviourDto from(MisbehaviourView v) {
        HexFormat hex = HexFormat.of();
        return new MisbehaviourDto(
                v.convictions().stream().map(c -> new ConvictionDto(c.culprit(), c.culpritIndex(),
                        c.session().toString(), c.evidenceKind(), hex.formatHex(c.evidenceHash()), c.detail(),
                        c.at().toString())).toList(),
                v.falseAccusations().stream().map(f -> new FalseAccusationDto(f.accuser(), f.accuserIndex(),
                        f.accused(), f.session().toString(), f.reason(), f.at().toString())).toList(),
                v.exclusions().stream().map(x -> new ExclusionDto(x.member(), x.index(), x.cause().name(),
                        x.detail(), x.at().toString())).toList(),
                v.confiscations().stream().map(c -> new ConfiscationDto(c.member(), c.stake().toString(),
                        hex.formatHex(c.evidenceHash()), c.state().name(), c.bitcoinTxid().orElse(null),
                        c.at().toString())).toList(),
                v.missedDeadlines().stream().map(t -> new TallyDto(t.member(), t.index(), t.missedInARow()))
                        .toList());
    }
}
