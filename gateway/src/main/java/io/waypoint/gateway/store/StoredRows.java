package io.waypoint.gateway.store;

import io.waypoint.gateway.store.GatewayStore.AlertRecord;
import io.waypoint.gateway.store.GatewayStore.BootClock;
import io.waypoint.gateway.store.GatewayStore.FiledBy;
import io.waypoint.gateway.store.GatewayStore.NodeState;
import io.waypoint.gateway.store.GatewayStore.Publication;
import io.waypoint.gateway.store.GatewayStore.SequenceState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.wire.WireTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The reads both stores make, and each row read back as its record. SQLite and PostgreSQL hold the
 * same tables with the same columns (times as the same ISO-8601 text, booleans that JDBC reads as
 * such from both), so a query and its mapping are written once, here; each store keeps its own
 * connection, transactions and errors.
 */
final class StoredRows {
    private StoredRows() {}

    /** One row of a result as its record. */
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static final String SEQUENCES = "SELECT site, node, boot, watermark, lost FROM sequences";
    static final String BOOT_CLOCKS = "SELECT site, node, boot, arrival_bound_ms, last_unsynced_seq, last_unsynced_ts_ms, "
            + "first_synced_seq, first_synced_ts_ms, filed_min_ms, filed_max_ms FROM boot_clocks";
    static final String NODES = "SELECT site, node, boot, online, last_seen, last_message_ts FROM nodes ORDER BY site, node";
    static final String ENGINE_SNAPSHOT = "SELECT snapshot FROM engine_state WHERE id = 1";
    static final String PENDING_PUBLICATIONS = "SELECT id, topic, payload, retained FROM alert_outbox ORDER BY id";
    static final String COUNT_NODE_MESSAGES = "SELECT count(*) FROM messages WHERE site = ? AND node = ?";
    static final String COUNT_MESSAGES = "SELECT count(*) FROM messages";
    static final String COUNT_FILED = "SELECT count(*) FROM messages WHERE site = ? AND kind = ? AND filed_at >= ? AND filed_at < ?";
    private static final String MESSAGE_COLUMNS = "SELECT site, node, boot, seq, kind, ts, received, body, clock, filed_at, filed_by "
            + "FROM messages ";
    /** Site, node, kind. */
    static final String NODE_MESSAGES = MESSAGE_COLUMNS + "WHERE site = ? AND node = ? AND kind = ? ORDER BY boot, seq";
    private static final String FILED = MESSAGE_COLUMNS + "WHERE site = ? AND kind = ? AND filed_at >= ? AND filed_at < ? "
            + "ORDER BY node, boot, seq";
    /** Site. */
    static final String ALERT_HISTORY = "SELECT site, key, state, at, json FROM alert_history WHERE site = ? ORDER BY id";

    static SequenceState sequenceState(ResultSet rs) throws SQLException {
        return new SequenceState(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }

    static BootClock bootClock(ResultSet rs) throws SQLException {
        return new BootClock(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10));
    }

    static NodeState nodeState(ResultSet rs) throws SQLException {
        return new NodeState(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4),
                Instant.parse(rs.getString(5)), rs.getString(6) == null ? null : Instant.parse(rs.getString(6)));
    }

    static Publication publication(ResultSet rs) throws SQLException {
        return new Publication(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getBoolean(4));
    }

    static StoredMessage storedMessage(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                Instant.parse(rs.getString(6)), Instant.parse(rs.getString(7)), rs.getString(8),
                "synced".equals(rs.getString(9)), Instant.parse(rs.getString(10)), FiledBy.ofColumn(rs.getString(11)));
    }

    static AlertRecord alertRecord(ResultSet rs) throws SQLException {
        return new AlertRecord(rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4)), rs.getString(5));
    }

    /**
     * Hands {@code each} the messages of {@link GatewayStore#forEachFiled}, a thousand rows fetched at a
     * time, within the caller's transaction (which it commits or rolls back).
     */
    static void eachFiled(Connection c, String site, String kind, Instant from, Instant to, Consumer<StoredMessage> each)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement(FILED)) {
            q.setString(1, site);
            q.setString(2, kind);
            q.setString(3, WireTime.format(from));
            q.setString(4, WireTime.format(to));
            q.setFetchSize(1000);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    each.accept(storedMessage(rs));
                }
            }
        }
    }
}
