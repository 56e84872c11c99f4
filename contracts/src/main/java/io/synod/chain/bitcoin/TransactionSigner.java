package io.synod.chain.bitcoin;

/**
 * The group key as the payout builder sees it: a public key and a way to sign a 32-byte sighash. In production
 * this is the threshold signing session of the members; in tests a plain key. High-S answers are normalised and
 * every signature is verified against {@link #publicKey()} before it is used.
 */
public interface TransactionSigner {

    /** The compressed (33-byte) secp256k1 public key whose P2WPKH script holds the group's coins. */
    byte[] publicKey();

    EcdsaSignature sign(SigningRequest request);

    /** A plain key held in this process (devnet faucets, demo wallets, tests): never the group's key. */
    static TransactionSigner ofKey(org.bitcoinj.crypto.ECKey key) {
        return new TransactionSigner() {
            @Override
            public byte[] publicKey() {
                return key.getPubKey();
            }

            @Override
            public EcdsaSignature sign(SigningRequest request) {
                org.bitcoinj.crypto.ECKey.ECDSASignature s = key.sign(org.bitcoinj.base.Sha256Hash.wrap(request.sighash()));
                return new EcdsaSignature(s.r, s.s);
            }
        };
    }

    /** What is being signed: the BIP 143 digest, and which input of which transaction it authorises. */
    record SigningRequest(byte[] sighash, Txid unsignedTxid, int inputIndex, Utxo spent) {

        public SigningRequest {
            if (sighash.length != 32) {
                throw new IllegalArgumentException("sighash is 32 bytes");
            }
            sighash = sighash.clone();
        }

        @Override
        public byte[] sighash() {
            return sighash.clone();
        }
    }
}
