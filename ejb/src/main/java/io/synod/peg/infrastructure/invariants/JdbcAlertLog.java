package io.synod.peg.infrastructure.invariants;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.synod.peg.domain.ledger.AlertLog;
import io.synod.peg.domain.ledger.InvariantAlert;
import io.synod.peg.domain.ledger.InvariantChecker;

/**
 * {@link AlertLog} in PostgreSQL (table of {@code V8__peg_views.sql}). Each call is one statement, so it joins the
 * caller's JTA transaction in the server and commits by itself alone.
 */
public final class JdbcAlertLog implements AlertLog {

    private static final String COLUMNS = "id, invariant, expected, found, detail, raised_at_block, evidence, raised_at,"
            + " cleared_at_block";

    private final DataSource dataSource;

    public JdbcAlertLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public InvariantAlert raise(InvariantAlert a) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO peg_invariant_alert (invariant, expected, found, detail, raised_at_block, evidence, raised_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            s.setString(1, a.invariant().name());
            s.setLong(2, a.expected());
            s.setLong(3, a.found());
            s.setString(4, a.detail());
            s.setString(5, a.block());
            s.setString(6, a.evidence());
            s.setTimestamp(7, Timestamp.from(a.raisedAt()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new InvariantAlert(rs.getLong(1), a.invariant(), a.expected(), a.found(), a.detail(), a.block(),
                        a.evidence(), a.raisedAt(), Optional.empty());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("alert log: " + e.getMessage(), e);
        }
    }

    @Override
    public void clear(long id, String block) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE peg_invariant_alert SET cleared_at_block = ? WHERE id = ? AND cleared_at_block IS NULL")) {
            s.setString(1, block);
            s.setLong(2, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("alert log: " + e.getMessage(), e);
        }
    }

    @Override
    public List<InvariantAlert> open() {
        return query("SELECT " + COLUMNS + " FROM peg_invariant_alert WHERE cleared_at_block IS NULL ORDER BY id", -1);
    }

    @Override
    public List<InvariantAlert> latest(int limit) {
        return query("SELECT " + COLUMNS + " FROM peg_invariant_alert ORDER BY id DESC LIMIT ?", limit);
    }

    private List<InvariantAlert> query(String sql, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (limit >= 0) {
                s.setInt(1, limit);
            }
            List<InvariantAlert> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new InvariantAlert(rs.getLong("id"), InvariantChecker.Invariant.valueOf(rs.getString("invariant")),
                            rs.getLong("expected"), rs.getLong("found"), rs.getString("detail"),
                            rs.getString("raised_at_block"), rs.getString("evidence"),
                            rs.getTimestamp("raised_at").toInstant(), Optional.ofNullable(rs.getString("cleared_at_block"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("alert log: " + e.getMessage(), e);
        }
    }
}
