package io.synod.membership.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.ScriptBuilder;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.Txid;
import io.synod.coordination.application.signing.PresignatureUse;
import io.synod.coordination.application.signing.SignOutcome;
import io.synod.coordination.application.signing.SigningEvents;
import io.synod.membership.domain.Conviction;
import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.ExclusionCause;
import io.synod.membership.domain.MembershipBook;
import io.synod.membership.domain.ObservedSignature;
import io.synod.shared.domain.SessionId;

/**
 * The {@link DigestAuditor} over what the group key signs on Bitcoin: every input of every new block that spends a
 * P2WPKH of the group key carries a group signature; its BIP 143 digest is recomputed here from the transaction and
 * the spent output's value on this member's node. A signature no action approved here produces, made with the
 * presignature of a signing session this member followed, convicts the members that posted partials in that session
 * (the evidence kept is the raw transaction and the input index: anyone re-derives the digest and finds the nonce
 * from the board). One that no followed session explains names nobody: it is logged as a possible compromise and
 * convicts no one, since a member that restarted does not remember older sessions.
 *
 * <p>Spends under a tweaked key (deposit scripts) are not audited here yet.
 */
public final class GroupSpendAudit {
    private static final Logger LOG = Logger.getLogger(GroupSpendAudit.class.getName());
    private static final BigDecimal SATS_PER_BTC = BigDecimal.valueOf(100_000_000L);
    static final String KIND = "UnapprovedGroupSignature";

    private final BitcoinRpcClient bitcoin;
    private final byte[] groupKey;
    private final DigestAuditor auditor;
    private final MembershipBook book;
    private final Clock clock;
    private long nextHeight = -1;

    public GroupSpendAudit(BitcoinRpcClient bitcoin, byte[] compressedGroupKey, MembershipBook book, Clock clock) {
        this.bitcoin = bitcoin;
        this.groupKey = compressedGroupKey.clone();
        this.auditor = new DigestAuditor(compressedGroupKey);
        this.book = book;
        this.clock = clock;
    }

    /** Audits the blocks mined since the last call (from the tip at the first call); returns what it found. */
    public List<DigestAuditor.Unapproved> scan(SigningEvents events) {
        long tip = bitcoin.getBlockCount().value();
        if (nextHeight < 0) {
            nextHeight = tip + 1;
            return List.of();
        }
        List<DigestAuditor.Unapproved> found = new ArrayList<>();
        for (; nextHeight <= tip; nextHeight++) {
            Block block = bitcoin.getBlock(bitcoin.getBlockHash(BlockHeight.of(nextHeight)));
            for (Transaction tx : block.getTransactions()) {
                for (int i = 0; i < tx.getInputs().size(); i++) {
                    observe(tx, i).ifPresent(sig -> audit(sig, tx, events).ifPresent(found::add));
                }
            }
        }
        return found;
    }

    private Optional<DigestAuditor.Unapproved> audit(ObservedSignature sig, Transaction tx, SigningEvents events) {
        List<DigestAuditor.ApprovedAction> approved = new ArrayList<>();
        for (SignOutcome o : events.outcomes()) {
            DigestAuditor.approvedBy(o).ifPresent(approved::add);
            // what this member's own verifier approved counts too, signed here or not
            o.ownTarget().ifPresent(t -> approved.add(new DigestAuditor.ApprovedAction(o.session(), o.kind(), t)));
        }
        List<DigestAuditor.SessionPresignature> log = new ArrayList<>();
        for (PresignatureUse u : events.presignatures()) {
            log.add(new DigestAuditor.SessionPresignature(u.session(), u.presignature(), u.contributors()));
        }
        if (!(auditor.audit(sig, approved, log) instanceof DigestAuditor.Unapproved u)) {
            return Optional.empty();
        }
        if (u.culprits().isEmpty()) {
            LOG.severe("UNAPPROVED GROUP SIGNATURE at " + sig.where() + ": valid under the group key, over a digest no"
                    + " action approved here produces, and made with no presignature of a session this member followed"
                    + " (a leaked presignature or key, or a session from before this member's restart): check it");
            return Optional.of(u);
        }
        byte[] evidence = evidenceOf(tx, sig.where());
        SessionId session = u.session().orElseThrow();
        for (int culprit : u.culprits()) {
            events.members().byIndex(culprit).ifPresent(m -> {
                String detail = "group signature at " + sig.where() + " over a digest no approved action produces,"
                        + " made with the presignature of session " + session;
                book.convicted(new Conviction(m.address(), culprit, session, KIND, evidence, detail, clock.instant()));
                book.exclude(new Exclusion(m.address(), culprit, ExclusionCause.CONVICTED, detail, clock.instant()));
                LOG.warning(() -> "MISBEHAVIOUR: " + m.address() + " contributed to an unapproved group signature at "
                        + sig.where());
            });
        }
        return Optional.of(u);
    }

    /** The group signature in input {@code i}, if it spends a P2WPKH of the group key, with its BIP 143 digest. */
    private Optional<ObservedSignature> observe(Transaction tx, int i) {
        TransactionInput in = tx.getInput(i);
        TransactionWitness w = in.getWitness();
        if (in.isCoinBase() || w == null || w.getPushCount() != 2 || !Arrays.equals(w.getPush(1), groupKey)) {
            return Optional.empty();
        }
        TransactionSignature ts;
        try {
            ts = TransactionSignature.decodeFromBitcoin(w.getPush(0), false, false);
        } catch (org.bitcoinj.crypto.SignatureDecodeException | RuntimeException e) {
            return Optional.empty(); // not a signature: the node would not have accepted it anyway
        }
        Optional<Coin> value = spentValue(in);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = tx.hashForWitnessSignature(i, ScriptBuilder.createP2PKHOutputScript(
                ECKey.fromPublicOnly(groupKey)), value.get(), ts.sigHashMode(), ts.anyoneCanPay()).getBytes();
        return Optional.of(new ObservedSignature("bitcoin:" + tx.getTxId() + ":" + i, digest, ts.r, ts.s,
                java.math.BigInteger.ZERO));
    }

    private Optional<Coin> spentValue(TransactionInput in) {
        Optional<JsonNode> prev = bitcoin.getRawTransactionVerbose(new Txid(in.getOutpoint().hash().toString()));
        return prev.map(p -> p.path("vout").path((int) in.getOutpoint().index()))
                .filter(o -> !o.isMissingNode())
                .map(o -> Coin.valueOf(o.path("value").decimalValue().multiply(SATS_PER_BTC).longValueExact()));
    }

    private static byte[] evidenceOf(Transaction tx, String where) {
        byte[] raw = tx.serialize();
        byte[] w = where.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return java.nio.ByteBuffer.allocate(2 + w.length + raw.length).putShort((short) w.length).put(w).put(raw)
                .array();
    }
}
