/**
 * web3j wrappers of Synod's contracts ({@code GroupRegistry}, {@code WrappedBTC}, {@code Redemption},
 * {@code MessageBoard}, {@code Evidence}), generated at build from the solc output into
 * {@code target/generated-sources/web3j}; never edited or committed. Use them through
 * {@link io.synod.chain.evm.SynodDeployment}, which pins their addresses and checks their wiring.
 */
package io.synod.chain.evm.contracts;
