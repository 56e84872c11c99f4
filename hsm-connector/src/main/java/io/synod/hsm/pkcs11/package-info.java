/**
 * The PKCS#11 binding: ipkcs11wrapper (org.xipki), the only binding used in the JVM (SunPKCS11 is never loaded on
 * the same library: a second C_Initialize fails). Owns the loaded module per library path, the token found by
 * label, the login, the member's key handles, the operations on one session, PIN references and the secp256k1
 * arithmetic that the token does not do (low-S, recovery id, point encodings).
 */
package io.synod.hsm.pkcs11;
