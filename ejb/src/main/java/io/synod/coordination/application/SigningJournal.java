package io.synod.coordination.application;

import java.util.Optional;

import io.synod.chain.evm.EvmClient;
import io.synod.coordination.application.signing.SigningEvents;

/**
 * Read access to what this member's signing core saw on the board (the membership context judges it), and the
 * member's sidechain client for the group-signed records that follow. Both empty while this member does not sign.
 */
public interface SigningJournal {

    Optional<SigningEvents> signingEvents();

    /**
     * The sidechain client the signing core posts with (this member's gas account): use it for the member's own
     * transactions so they share one nonce counter; never close it.
     */
    Optional<EvmClient> sidechain();
}
