/**
 * Field and curve arithmetic for secp256k1: scalars mod the group order, fixed-base tables for G and the
 * nothing-up-my-sleeve generator H, Horner evaluation of commitment vectors, batch inversion, Lagrange
 * coefficients, domain-separated hashing, and wipeable secret containers.
 */
package io.synod.threshold.math;
