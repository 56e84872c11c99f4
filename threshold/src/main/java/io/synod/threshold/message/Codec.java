package io.synod.threshold.message;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.ecies.Dleq;
import io.synod.threshold.message.DecodeException.Reason;

/**
 * Strict decoder for every round message. Structural rules (version, type, round, field widths, canonical
 * scalars and points, no trailing bytes) and the session's shape (session id, sender membership, exact vector
 * and ciphertext counts) are all enforced here, before any cryptography or storage.
 */
public final class Codec {
    private Codec() {
    }

    public static ThresholdMessage decode(byte[] bytes, SessionContext ctx) throws DecodeException {
        try {
            return decodeUnchecked(bytes, ctx);
        } catch (DecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            // Defence in depth: nothing but a DecodeException may leave the decoder.
            throw new DecodeException(Reason.MALFORMED, "malformed input");
        }
    }

    private static ThresholdMessage decodeUnchecked(byte[] bytes, SessionContext ctx) throws DecodeException {
        Wire.Reader r = new Wire.Reader(bytes);
        int version = r.u8();
        if (version != Header.VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "version " + version);
        }
        MessageType type = MessageType.of(r.u8());
        if (type == null) {
            throw new DecodeException(Reason.UNKNOWN_TYPE, "unknown message type");
        }
        byte[] session = r.raw(32);
        if (!java.security.MessageDigest.isEqual(session, ctx.sessionId())) {
            throw new DecodeException(Reason.WRONG_SESSION, "message belongs to another session");
        }
        int round = r.u8();
        if (round != type.round) {
            throw new DecodeException(Reason.WRONG_ROUND, type + " is round " + type.round + ", got " + round);
        }
        int sender = r.index();
        if (!ctx.senders().contains(sender)) {
            throw new DecodeException(Reason.INDEX_NOT_A_MEMBER, "sender " + sender + " is not in this session");
        }
        Header h = new Header(type, session, sender);
        int width = ctx.degree() + 1;
        int m = ctx.recipients().size();
        ThresholdMessage msg = switch (type) {
            case DKG_DEALING -> new DkgDealing(h, r.points(width), r.point(), r.blobs(m, DkgDealing.CIPHERTEXT_BYTES));
            case DKG_FELDMAN -> new DkgFeldman(h, r.points(width));
            case DKG_COMPLAINT, DKG_FELDMAN_COMPLAINT, PRESIGN_COMPLAINT, RESHARE_COMPLAINT -> {
                int accused = r.index();
                yield new Complaint(h, accused, r.point(), r.proof());
            }
            case PRESIGN_DEALING -> {
                int batch = batch(r, ctx);
                yield new PresignDealing(h, batch, r.points(width * batch), r.points(width * batch), r.point(),
                        r.blobs(m, PresignDealing.ciphertextBytes(batch)));
            }
            case PRESIGN_PRODUCT -> {
                List<BigInteger> mu = r.scalars(ctx.batch());
                List<Dleq.Proof> muProofs = proofs(r, ctx.batch());
                List<ECPoint> q = r.points(ctx.batch());
                yield new PresignProduct(h, mu, muProofs, q, proofs(r, ctx.batch()));
            }
            case PARTIAL_SIGNATURE -> new PartialSignatureMessage(h, r.raw(32), r.scalar());
            case DKG_REVEAL -> {
                int count = r.u16();
                if (count == 0 || count > ctx.senders().size()) {
                    throw new DecodeException(Reason.WRONG_VECTOR_LENGTH, "reveal of " + count + " dealers");
                }
                List<Integer> dealers = new ArrayList<>();
                List<BigInteger> f = new ArrayList<>();
                List<BigInteger> b = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    int d = r.index();
                    if (!ctx.senders().contains(d)) {
                        throw new DecodeException(Reason.INDEX_NOT_A_MEMBER, "dealer " + d + " is not in this session");
                    }
                    if (!dealers.isEmpty() && d <= dealers.get(dealers.size() - 1)) {
                        throw new DecodeException(Reason.WRONG_VECTOR_LENGTH, "dealers must be strictly increasing");
                    }
                    dealers.add(d);
                    f.add(r.scalar());
                    b.add(r.scalar());
                }
                yield new DkgReveal(h, dealers, f, b);
            }
            case RESHARE_DEALING -> new ReshareDealing(h, r.points(width), r.point(),
                    r.blobs(m, ReshareDealing.CIPHERTEXT_BYTES));
        };
        r.end();
        return msg;
    }

    private static int batch(Wire.Reader r, SessionContext ctx) throws DecodeException {
        int b = r.u16();
        if (b != ctx.batch()) {
            throw new DecodeException(Reason.WRONG_BATCH_SIZE, "batch of " + b + ", expected " + ctx.batch());
        }
        return b;
    }

    private static List<Dleq.Proof> proofs(Wire.Reader r, int count) throws DecodeException {
        List<Dleq.Proof> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(r.proof());
        }
        return out;
    }
}
