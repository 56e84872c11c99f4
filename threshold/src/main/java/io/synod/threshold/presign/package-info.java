/**
 * Presignatures: k and α by JVRSS among the 2t+1 signers, μ = k·α opened from proven product shares,
 * R = k·G from the commitments, and each signer's share of k⁻¹ (α_i·μ⁻¹) kept in a use-once
 * {@link io.synod.threshold.presign.Presignature}.
 */
package io.synod.threshold.presign;
