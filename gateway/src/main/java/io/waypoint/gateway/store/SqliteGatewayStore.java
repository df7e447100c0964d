package io.waypoint.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The SQLite store. WAL with {@code synchronous=FULL}: each commit is fsynced, because the gateway
 * tells nodes to delete what it acknowledged right after the commit (with NORMAL a power cut could
 * lose an acknowledged batch). Batched transactions keep that to a few fsyncs a second at any load.
 * Messages live in one table keyed (site, node, boot, seq) WITHOUT ROWID, so the duplicate check is
 * the primary key itself; reports read the JSON bodies with SQLite's JSON functions.
 */
final class SqliteGatewayStore implements GatewayStore {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS messages (
              site TEXT NOT NULL, node TEXT NOT NULL, boot INTEGER NOT NULL, seq INTEGER NOT NULL,
              kind TEXT NOT NULL, ts TEXT NOT NULL, received TEXT NOT NULL, body TEXT NOT NULL,
              PRIMARY KEY (site, node, boot, seq)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS messages_by_time ON messages (site, kind, ts);
            CREATE TABLE IF NOT EXISTS sequences (
              site TEXT NOT NULL, node TEXT NOT NULL, boot INTEGER NOT NULL,
              watermark INTEGER NOT NULL, lost INTEGER NOT NULL,
              PRIMARY KEY (site, node, boot)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS nodes (
              site TEXT NOT NULL, node TEXT NOT NULL, boot INTEGER NOT NULL, online INTEGER NOT NULL,
              last_seen TEXT NOT NULL, last_message_ts TEXT,
              PRIMARY KEY (site, node)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS alert_history (
              id INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, key TEXT NOT NULL,
              state TEXT NOT NULL, at TEXT NOT NULL, json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS alert_history_by_site ON alert_history (site, at);
            CREATE TABLE IF NOT EXISTS alert_outbox (
              id INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL, payload BLOB NOT NULL, retained INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS engine_state (
              id INTEGER PRIMARY KEY CHECK (id = 1), snapshot TEXT NOT NULL);
            """;

    private final Path file;
    private final Connection db;
    private final PreparedStatement insertMessage;
    private final PreparedStatement upsertSequence;
    private final PreparedStatement upsertNode;
    private final PreparedStatement insertAlert;
    private final PreparedStatement insertPublication;
    private final PreparedStatement upsertSnapshot;

    private SqliteGatewayStore(Path file, Connection db) throws SQLException {
        this.file = file;
        this.db = db;
        insertMessage = db.prepareStatement(
                "INSERT OR IGNORE INTO messages (site, node, boot, seq, kind, ts, received, body) VALUES (?,?,?,?,?,?,?,?)");
        upsertSequence = db.prepareStatement(
                "INSERT INTO sequences (site, node, boot, watermark, lost) VALUES (?,?,?,?,?) "
                        + "ON CONFLICT (site, node, boot) DO UPDATE SET watermark = excluded.watermark, lost = excluded.lost");
        upsertNode = db.prepareStatement(
                "INSERT INTO nodes (site, node, boot, online, last_seen, last_message_ts) VALUES (?,?,?,?,?,?) "
                        + "ON CONFLICT (site, node) DO UPDATE SET boot = excluded.boot, online = excluded.online, "
                        + "last_seen = excluded.last_seen, last_message_ts = coalesce(excluded.last_message_ts, nodes.last_message_ts)");
        insertAlert = db.prepareStatement("INSERT INTO alert_history (site, key, state, at, json) VALUES (?,?,?,?,?)");
        insertPublication = db.prepareStatement("INSERT INTO alert_outbox (topic, payload, retained) VALUES (?,?,?)");
        upsertSnapshot = db.prepareStatement(
                "INSERT INTO engine_state (id, snapshot) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot");
    }

    static SqliteGatewayStore open(Path dataDir) {
        Path file = dataDir.resolve("gateway.db");
        try {
            Files.createDirectories(dataDir);
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                for (String ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) {
                        s.execute(ddl);
                    }
                }
            }
            db.setAutoCommit(false);
            db.commit();
            return new SqliteGatewayStore(file, db);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the gateway data dir " + dataDir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new StoreException("cannot open the gateway database " + file + ": " + e.getMessage()
                    + "; if the file is damaged, move it aside and restart (nodes resend what is not acknowledged)", e);
        }
    }

    @Override
    public synchronized boolean[] write(Batch b) {
        try {
            for (StoredMessage m : b.messages()) {
                insertMessage.setString(1, m.site());
                insertMessage.setString(2, m.node());
                insertMessage.setLong(3, m.boot());
                insertMessage.setLong(4, m.seq());
                insertMessage.setString(5, m.kind());
                insertMessage.setString(6, m.ts().toString());
                insertMessage.setString(7, m.received().toString());
                insertMessage.setString(8, m.body());
                insertMessage.addBatch();
            }
            int[] counts = b.messages().isEmpty() ? new int[0] : insertMessage.executeBatch();
            for (SequenceState s : b.sequences()) {
                upsertSequence.setString(1, s.site());
                upsertSequence.setString(2, s.node());
                upsertSequence.setLong(3, s.boot());
                upsertSequence.setLong(4, s.watermark());
                upsertSequence.setLong(5, s.lost());
                upsertSequence.addBatch();
            }
            if (!b.sequences().isEmpty()) {
                upsertSequence.executeBatch();
            }
            for (NodeState n : b.nodes()) {
                upsertNode.setString(1, n.site());
                upsertNode.setString(2, n.node());
                upsertNode.setLong(3, n.boot());
                upsertNode.setInt(4, n.online() ? 1 : 0);
                upsertNode.setString(5, n.lastSeen().toString());
                upsertNode.setString(6, n.lastMessageTs() == null ? null : n.lastMessageTs().toString());
                upsertNode.addBatch();
            }
            if (!b.nodes().isEmpty()) {
                upsertNode.executeBatch();
            }
            for (AlertRecord a : b.alerts()) {
                insertAlert.setString(1, a.site());
                insertAlert.setString(2, a.key());
                insertAlert.setString(3, a.state());
                insertAlert.setString(4, a.at().toString());
                insertAlert.setString(5, a.json());
                insertAlert.addBatch();
            }
            if (!b.alerts().isEmpty()) {
                insertAlert.executeBatch();
            }
            for (Publication p : b.publications()) {
                insertPublication.setString(1, p.topic());
                insertPublication.setBytes(2, p.payload());
                insertPublication.setInt(3, p.retained() ? 1 : 0);
                insertPublication.addBatch();
            }
            if (!b.publications().isEmpty()) {
                insertPublication.executeBatch();
            }
            if (b.engineSnapshot() != null) {
                upsertSnapshot.setString(1, b.engineSnapshot());
                upsertSnapshot.executeUpdate();
            }
            db.commit();
            boolean[] fresh = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
                fresh[i] = counts[i] > 0;
            }
            return fresh;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("cannot write to the gateway database " + file + ": " + e.getMessage()
                    + " (is the disk full or read-only?)", e);
        }
    }

    private void rollbackQuietly() {
        try {
            insertMessage.clearBatch();
            upsertSequence.clearBatch();
            upsertNode.clearBatch();
            insertAlert.clearBatch();
            insertPublication.clearBatch();
            db.rollback();
        } catch (SQLException e) {
            Logger.error("rollback failed on {}: {}", file, e.getMessage());
        }
    }

    @Override
    public synchronized List<SequenceState> sequences() {
        return query("SELECT site, node, boot, watermark, lost FROM sequences", rs ->
                new SequenceState(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
    }

    @Override
    public synchronized List<NodeState> nodes() {
        return query("SELECT site, node, boot, online, last_seen, last_message_ts FROM nodes ORDER BY site, node", rs ->
                new NodeState(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4) == 1,
                        Instant.parse(rs.getString(5)), rs.getString(6) == null ? null : Instant.parse(rs.getString(6))));
    }

    @Override
    public synchronized Optional<String> engineSnapshot() {
        List<String> s = query("SELECT snapshot FROM engine_state WHERE id = 1", rs -> rs.getString(1));
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    @Override
    public synchronized List<Publication> pendingPublications() {
        return query("SELECT id, topic, payload, retained FROM alert_outbox ORDER BY id", rs ->
                new Publication(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getInt(4) == 1));
    }

    @Override
    public synchronized void published(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement del = db.prepareStatement("DELETE FROM alert_outbox WHERE id = ?")) {
            for (long id : ids) {
                del.setLong(1, id);
                del.addBatch();
            }
            del.executeBatch();
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("cannot update the gateway database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long countMessages(String site, String node) {
        return queryLong("SELECT count(*) FROM messages WHERE site = ? AND node = ?", site, node);
    }

    @Override
    public synchronized long countMessages() {
        return queryLong("SELECT count(*) FROM messages");
    }

    @Override
    public synchronized List<StoredMessage> messages(String site, String node, String kind) {
        return query("SELECT site, node, boot, seq, kind, ts, received, body FROM messages "
                + "WHERE site = ? AND node = ? AND kind = ? ORDER BY boot, seq", rs ->
                new StoredMessage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        Instant.parse(rs.getString(6)), Instant.parse(rs.getString(7)), rs.getString(8)), site, node, kind);
    }

    @Override
    public synchronized List<AlertRecord> alertHistory(String site) {
        return query("SELECT site, key, state, at, json FROM alert_history WHERE site = ? ORDER BY id", rs ->
                new AlertRecord(rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4)),
                        rs.getString(5)), site);
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, String... args) {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setString(i + 1, args[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            db.commit();
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the gateway database " + file + ": " + e.getMessage(), e);
        }
    }

    private long queryLong(String sql, String... args) {
        return query(sql, rs -> rs.getLong(1), args).get(0);
    }

    @Override
    public synchronized void close() {
        try {
            db.commit();
            db.close();
        } catch (SQLException e) {
            Logger.warn("closing {}: {}", file, e.getMessage());
        }
    }
}
