package io.synod.platform.application;

import java.util.OptionalLong;

/**
 * A chain follower that can tell its best known height. Chain adapters provide one each; the status
 * page lists those present, so a node that follows no chain yet simply shows none.
 */
public interface ChainTipSource {

    /** A short stable name such as {@code bitcoin} or {@code sidechain}. */
    String chain();

    OptionalLong bestHeight();
}
