package io.synod.peg.infrastructure.jobs;

import java.util.Optional;
import java.util.function.Function;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.peg.domain.jobs.HeaderRelayAction;
import io.synod.peg.domain.jobs.ReserveAttestationAction;

/**
 * A group-job verifier in a server: the first proposal of a kind names the contract the proposer deployed; this
 * member adopts it only once its own check ({@link JobContractCheck}) finds it genuine, then judges the proposal
 * with the job's own verifier (which refuses any other contract from then on).
 */
public final class AdoptingJobVerifier implements ActionVerifier {

    private final ActionKind kind;
    private final ActionVerifier job;
    private final Function<byte[], String> contractOf;
    private final Function<String, Optional<String>> check;
    private final Function<String, String> adopt;
    private final java.util.function.Supplier<Optional<String>> known;

    private AdoptingJobVerifier(ActionKind kind, ActionVerifier job, Function<byte[], String> contractOf,
            Function<String, Optional<String>> check, Function<String, String> adopt,
            java.util.function.Supplier<Optional<String>> known) {
        this.kind = kind;
        this.job = job;
        this.contractOf = contractOf;
        this.check = check;
        this.adopt = adopt;
        this.known = known;
    }

    public static AdoptingJobVerifier reserveAttestation(ActionVerifier job, JobContracts contracts,
            JobContractCheck check) {
        return new AdoptingJobVerifier(ActionKind.RESERVE_ATTESTATION, job,
                b -> ReserveAttestationAction.decode(b).contract(), check::reserveAttestation,
                contracts::adoptReserveAttestation, contracts::reserveAttestation);
    }

    public static AdoptingJobVerifier headerRelay(ActionVerifier job, JobContracts contracts, JobContractCheck check) {
        return new AdoptingJobVerifier(ActionKind.HEADER_RELAY, job, b -> HeaderRelayAction.decode(b).contract(),
                check::headerRelay, contracts::adoptHeaderRelay, contracts::headerRelay);
    }

    @Override
    public ActionKind kind() {
        return kind;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        if (known.get().isEmpty()) {
            String contract = ActionVerifier.decodeOrRefuse(kind, encodedAction, contractOf::apply);
            Optional<String> wrong;
            try {
                wrong = check.apply(contract);
            } catch (RuntimeException e) {
                throw refuse("cannot check contract " + contract + " here: " + e.getMessage());
            }
            if (wrong.isPresent()) {
                throw refuse(wrong.get());
            }
            adopt.apply(contract);
        }
        return job.approve(encodedAction);
    }
}
