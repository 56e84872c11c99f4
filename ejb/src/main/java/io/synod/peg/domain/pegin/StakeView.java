package io.synod.peg.domain.pegin;

import java.util.List;

import io.synod.shared.domain.Satoshis;

/** The current members' confirmed stakes (from the membership context); one entry per member. */
public interface StakeView {

    List<Satoshis> stakes();

    /** The signing threshold t of the current epoch: any 2t+1 members can sign. */
    int threshold();
}
