package io.synod.hsm.api;

import java.io.Serializable;

/**
 * The connection factory the container binds in JNDI (see the operations guide for the name). EJBs inject it with
 * {@code @Resource(lookup = "java:/synod/hsm")}.
 */
public interface HsmConnectionFactory extends Serializable {

    /**
     * A connection from the container's pool; waits while the pool is exhausted, up to the pool's blocking timeout.
     */
    HsmConnection getConnection();

    /**
     * Readiness probe for the web layer: checks the library, token, login and member keys without holding a pooled
     * connection. Never throws.
     */
    Readiness readiness();
}
