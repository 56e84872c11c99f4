package io.synod.platform.application;

import java.util.Optional;

/** One dependency the node needs before it may serve requests (database, HSM, chains). */
public interface ReadinessCheck {

    String name();

    /** Empty when the dependency is usable; otherwise why not, in words an operator can act on. */
    Optional<String> problem();
}
