/**
 * Online signing: Groth–Shoup re-randomisation of the presignature, partial signatures
 * s_i = ρ⁻¹·k⁻¹_i·(e + r·(x_i + δ)), combination of 2t+1 partials into a low-S signature with recovery id,
 * verification before returning, and blame of bad partials against public presignature data.
 */
package io.synod.threshold.sign;
