package io.synod.hsm.api;

/**
 * Work done with an unsealed share. The share is valid only during {@link #apply}; it is wiped when apply returns
 * or throws, so the result must not contain or alias it.
 */
@FunctionalInterface
public interface ShareScope<T> {
    T apply(ShareSecret share);
}
