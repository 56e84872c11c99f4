package io.synod.peg.infrastructure.pegout;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import javax.sql.DataSource;

import io.synod.peg.domain.pegout.BatchState;
import io.synod.peg.domain.pegout.FeeBump;
import io.synod.peg.domain.pegout.LimitReason;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.PegOutStore;
import io.synod.peg.domain.pegout.RedemptionRequest;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.TrackedRedemption;
import io.synod.shared.domain.Satoshis;

/**
 * {@link PegOutStore} in PostgreSQL (tables of {@code V5__pegout.sql}). Plain JDBC on the given data source: in the
 * server it is the application's JTA data source, so each call joins the caller's transaction; alone, each call
 * commits by itself. The redemption's sequence and the batch's txid are unique keys, and the database refuses to
 * change a transaction's bytes once written.
 */
public final class JdbcPegOutStore implements PegOutStore {

    private static final String REDEMPTION_COLUMNS = "sequence, requester, amount_sats, output_script, sidechain_block,"
            + " sidechain_block_hash, sidechain_tx, status, limit_reason, batch_id, oversize_released";
    private static final String BATCH_COLUMNS = "id, created_height, fee_rate_sat_kvb, sequences, total_sats, unsigned_tx,"
            + " signed_tx, txid, fee_sats, state, broadcast_height, confirmed_block, confirmed_height";

    private final DataSource dataSource;

    public JdbcPegOutStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean addRequested(RedemptionRequest r) {
        Optional<TrackedRedemption> known = redemption(r.sequence());
        if (known.isPresent()) {
            if (!known.get().request().equals(r)) {
                throw new IllegalStateException("redemption " + r.sequence() + " is already recorded differently");
            }
            return false;
        }
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pegout_redemption (" + REDEMPTION_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, 'REQUESTED', 'NONE', NULL, FALSE) ON CONFLICT (sequence) DO NOTHING")) {
                s.setLong(1, r.sequence());
                s.setString(2, r.requester());
                s.setLong(3, r.amount().value());
                s.setBytes(4, r.outputScript());
                s.setLong(5, r.sidechainBlock());
                s.setString(6, r.sidechainBlockHash());
                s.setString(7, r.sidechainTx());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Long> dropRequestedIn(String sidechainBlockHash) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM pegout_redemption WHERE status = 'REQUESTED'"
                    + " AND sidechain_block_hash = ? RETURNING sequence")) {
                s.setString(1, sidechainBlockHash);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                out.sort(null);
                return out;
            }
        });
    }

    @Override
    public Optional<TrackedRedemption> redemption(long sequence) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + REDEMPTION_COLUMNS
                    + " FROM pegout_redemption WHERE sequence = ?")) {
                s.setLong(1, sequence);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(redemption(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<TrackedRedemption> redemptions(Set<RedemptionStatus> statuses) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + REDEMPTION_COLUMNS
                    + " FROM pegout_redemption WHERE status = ANY (?) ORDER BY sequence")) {
                s.setArray(1, c.createArrayOf("varchar", statuses.stream().map(Enum::name).toArray()));
                List<TrackedRedemption> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(redemption(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void update(TrackedRedemption r) {
        TrackedRedemption known = redemption(r.sequence())
                .orElseThrow(() -> new IllegalStateException("no such redemption to update: " + r.sequence()));
        if (!known.request().equals(r.request())) {
            throw new IllegalStateException("redemption " + r.sequence() + " cannot change its request");
        }
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pegout_redemption SET status = ?, limit_reason = ?,"
                    + " batch_id = ?, oversize_released = ?, updated_at = now() WHERE sequence = ?")) {
                s.setString(1, r.status().name());
                s.setString(2, r.limitReason().name());
                if (r.batchId().isPresent()) {
                    s.setLong(3, r.batchId().getAsLong());
                } else {
                    s.setNull(3, java.sql.Types.BIGINT);
                }
                s.setBoolean(4, r.oversizeReleased());
                s.setLong(5, r.sequence());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public long nextBatchId() {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM pegout_batch");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void saveBatch(PayoutBatch b) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pegout_batch (" + BATCH_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    + " signed_tx = EXCLUDED.signed_tx, state = EXCLUDED.state,"
                    + " broadcast_height = EXCLUDED.broadcast_height, confirmed_block = EXCLUDED.confirmed_block,"
                    + " confirmed_height = EXCLUDED.confirmed_height, unsigned_tx = EXCLUDED.unsigned_tx,"
                    + " txid = EXCLUDED.txid, created_height = EXCLUDED.created_height, updated_at = now()")) {
                s.setLong(1, b.id());
                s.setLong(2, b.createdHeight());
                s.setLong(3, b.feeRateSatPerKvB());
                s.setArray(4, c.createArrayOf("bigint", b.sequences().toArray()));
                s.setLong(5, b.total().value());
                s.setBytes(6, b.unsignedTx());
                s.setBytes(7, b.signedTx().orElse(null));
                s.setString(8, b.txid());
                s.setLong(9, b.fee());
                s.setString(10, b.state().name());
                s.setLong(11, b.broadcastHeight());
                s.setString(12, b.confirmedBlock().orElse(null));
                s.setLong(13, b.confirmedHeight());
                s.executeUpdate();
            }
            for (FeeBump f : b.bumps()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO pegout_fee_bump (batch_id, number,"
                        + " package_rate, unsigned_tx, signed_tx, txid, fee_sats, broadcast_height)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (batch_id, number) DO UPDATE SET"
                        + " signed_tx = EXCLUDED.signed_tx, broadcast_height = EXCLUDED.broadcast_height,"
                        + " unsigned_tx = EXCLUDED.unsigned_tx, txid = EXCLUDED.txid")) {
                    s.setLong(1, b.id());
                    s.setInt(2, f.number());
                    s.setLong(3, f.packageRateSatPerKvB());
                    s.setBytes(4, f.unsignedTx());
                    s.setBytes(5, f.signedTx().orElse(null));
                    s.setString(6, f.txid());
                    s.setLong(7, f.fee());
                    s.setLong(8, f.broadcastHeight());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public Optional<PayoutBatch> batch(long id) {
        List<PayoutBatch> found = batchesWhere("id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<PayoutBatch> batches(Set<BatchState> states) {
        return batchesWhere("state = ANY (?)", states);
    }

    private List<PayoutBatch> batchesWhere(String where, Object parameter) {
        return run(c -> {
            List<PayoutBatch> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + BATCH_COLUMNS + " FROM pegout_batch WHERE "
                    + where + " ORDER BY saved_order")) {
                if (parameter instanceof Long id) {
                    s.setLong(1, id);
                } else {
                    s.setArray(1, c.createArrayOf("varchar", ((Set<?>) parameter).stream()
                            .map(e -> ((Enum<?>) e).name()).toArray()));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(batch(rs, bumps(c, rs.getLong("id"))));
                    }
                }
            }
            return out;
        });
    }

    private static List<FeeBump> bumps(Connection c, long batchId) throws SQLException {
        List<FeeBump> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT number, package_rate, unsigned_tx, signed_tx, txid, fee_sats,"
                + " broadcast_height FROM pegout_fee_bump WHERE batch_id = ? ORDER BY number")) {
            s.setLong(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new FeeBump(rs.getInt(1), rs.getLong(2), rs.getBytes(3), Optional.ofNullable(rs.getBytes(4)),
                            rs.getString(5), rs.getLong(6), rs.getLong(7)));
                }
            }
        }
        return out;
    }

    private static PayoutBatch batch(ResultSet rs, List<FeeBump> bumps) throws SQLException {
        Array seqs = rs.getArray("sequences");
        List<Long> sequences = Arrays.stream((Long[]) seqs.getArray()).toList();
        return new PayoutBatch(rs.getLong("id"), rs.getLong("created_height"), rs.getLong("fee_rate_sat_kvb"), sequences,
                Satoshis.of(rs.getLong("total_sats")), rs.getBytes("unsigned_tx"),
                Optional.ofNullable(rs.getBytes("signed_tx")), rs.getString("txid"), rs.getLong("fee_sats"),
                BatchState.valueOf(rs.getString("state")), rs.getLong("broadcast_height"),
                Optional.ofNullable(rs.getString("confirmed_block")), rs.getLong("confirmed_height"), bumps);
    }

    private static TrackedRedemption redemption(ResultSet rs) throws SQLException {
        RedemptionRequest request = new RedemptionRequest(rs.getLong("sequence"), rs.getString("requester"),
                Satoshis.of(rs.getLong("amount_sats")), rs.getBytes("output_script"), rs.getLong("sidechain_block"),
                rs.getString("sidechain_block_hash"), rs.getString("sidechain_tx"));
        long batch = rs.getLong("batch_id");
        OptionalLong batchId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(batch);
        return new TrackedRedemption(request, RedemptionStatus.valueOf(rs.getString("status")),
                LimitReason.valueOf(rs.getString("limit_reason")), batchId, rs.getBoolean("oversize_released"));
    }

    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** One unit of work on one connection: committed as a whole when the connection is not the container's. */
    private <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                return work.apply(c); // a managed (JTA) connection: the caller's transaction commits
            }
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("peg-out store: " + e.getMessage(), e);
        }
    }
}
