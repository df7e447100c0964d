package io.waypoint.gateway.store;

import io.waypoint.gateway.store.FeedOrder.Ordered;
import io.waypoint.wire.WireTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * The PostgreSQL store: the same tables as the SQLite store (times as the same ISO-8601 text, so
 * reports compare them the same way), for one gateway or for a group sharing it
 * ({@link SharedGatewayStore}). One connection, used by the ingest thread; a connection that
 * breaks is opened again at the next call, and with it the lead is given up (it was held by the old
 * session, which the server ends).
 *
 * <p>Every commit is durable ({@code synchronous_commit} on, the server's default, is insisted on
 * for this session): the gateway tells nodes to delete what it acknowledged right after it.
 *
 * <p><b>Concurrent writers.</b> Two gateways' batches can hold the same message (a resend that went
 * to the other gateway) and the same boots. Each transaction takes its row locks in one order,
 * phase by phase (messages by key, then sequence rows by key, then nodes by key), so two batches
 * never wait on each other in a circle; should the server still find a deadlock (other rows, an
 * index page), the losing transaction is rolled back and retried.
 *
 * <p><b>The feed</b> ({@code engine_feed}) carries each row's writing transaction
 * ({@code pg_current_xact_id()}). Ids are drawn before commit, so a lower id can become visible
 * after a higher one; the lead therefore reads only rows whose transaction is older than the oldest
 * still running ({@code pg_snapshot_xmin}), which no later commit can precede. That is commit order,
 * which is not the order a node made its readings in: each gateway of the group stores its share of
 * one node's stream, and the one that begins writing first may hold the later seqs. The engine skips
 * a reading older than the last it judged, so a reading fed behind a later one was lost to the rules
 * (a well's resolve was never told when its last readings came first). So a reading's row also
 * carries its (site, node, boot, seq), and is read only once its boot's watermark passed it (every
 * lower seq stored, or given up by the node), in seq order within its boot.
 */
final class PostgresGatewayStore implements SharedGatewayStore {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS messages (
              site TEXT NOT NULL, node TEXT NOT NULL, boot BIGINT NOT NULL, seq BIGINT NOT NULL,
              kind TEXT NOT NULL, ts TEXT NOT NULL, received TEXT NOT NULL, body TEXT NOT NULL,
              clock TEXT NOT NULL DEFAULT 'synced', filed_at TEXT NOT NULL, filed_by TEXT NOT NULL DEFAULT 'node_clock',
              PRIMARY KEY (site, node, boot, seq));
            CREATE INDEX IF NOT EXISTS messages_by_filing ON messages (site, kind, filed_at);
            CREATE TABLE IF NOT EXISTS sequences (
              site TEXT NOT NULL, node TEXT NOT NULL, boot BIGINT NOT NULL,
              watermark BIGINT NOT NULL, lost BIGINT NOT NULL,
              PRIMARY KEY (site, node, boot));
            CREATE TABLE IF NOT EXISTS nodes (
              site TEXT NOT NULL, node TEXT NOT NULL, boot BIGINT NOT NULL, online BOOLEAN NOT NULL,
              last_seen TEXT NOT NULL, last_message_ts TEXT,
              PRIMARY KEY (site, node));
            CREATE TABLE IF NOT EXISTS alert_history (
              id BIGSERIAL PRIMARY KEY, site TEXT NOT NULL, key TEXT NOT NULL,
              state TEXT NOT NULL, at TEXT NOT NULL, json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS alert_history_by_site ON alert_history (site, id);
            CREATE TABLE IF NOT EXISTS alert_outbox (
              id BIGSERIAL PRIMARY KEY, topic TEXT NOT NULL, payload BYTEA NOT NULL, retained BOOLEAN NOT NULL);
            CREATE TABLE IF NOT EXISTS engine_state (
              id INTEGER PRIMARY KEY CHECK (id = 1), snapshot TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS boot_clocks (
              site TEXT NOT NULL, node TEXT NOT NULL, boot BIGINT NOT NULL,
              arrival_bound_ms BIGINT NOT NULL, last_unsynced_seq BIGINT NOT NULL, last_unsynced_ts_ms BIGINT NOT NULL,
              first_synced_seq BIGINT NOT NULL, first_synced_ts_ms BIGINT NOT NULL,
              filed_min_ms BIGINT NOT NULL, filed_max_ms BIGINT NOT NULL,
              PRIMARY KEY (site, node, boot));
            CREATE TABLE IF NOT EXISTS engine_feed (
              id BIGSERIAL PRIMARY KEY, xid XID8 NOT NULL DEFAULT pg_current_xact_id(),
              topic TEXT NOT NULL, payload BYTEA NOT NULL, received TEXT NOT NULL, filed_at TEXT,
              site TEXT, node TEXT, boot BIGINT, seq BIGINT)
            """;
    /** A feed made before its rows said which reading they are: those rows keep the commit order. */
    private static final String FEED_READINGS = "ALTER TABLE engine_feed ADD COLUMN IF NOT EXISTS site TEXT, "
            + "ADD COLUMN IF NOT EXISTS node TEXT, ADD COLUMN IF NOT EXISTS boot BIGINT, ADD COLUMN IF NOT EXISTS seq BIGINT";
    /** The advisory lock the lead holds: one per database, so one group per database. */
    private static final long LEAD_LOCK = 0x7761_7970_6f69_6e74L; // "waypoint"
    /** The advisory lock held while the tables are created. */
    private static final long SCHEMA_LOCK = LEAD_LOCK + 1;
    private static final int DEADLOCK_RETRIES = 5;
    /** Rows read per query while advancing a watermark over stored seqs. */
    private static final int ADVANCE_CHUNK = 10_000;

    private final String url;
    private final Properties login;
    /** The url without user or password, for messages. */
    private final String where;
    private Connection db;
    private boolean leading;

    private PostgresGatewayStore(String url, Properties login, String where) {
        this.url = url;
        this.login = login;
        this.where = where;
    }

    /**
     * Connects and creates the tables if they are missing.
     *
     * @param url      {@code postgresql://HOST[:PORT]/DATABASE}
     * @param password may be null; never logged nor put in a message
     */
    static PostgresGatewayStore open(String url, String user, char[] password) {
        if (!url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("store.url must start with postgresql://, was '" + url + "'");
        }
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", new String(password));
        }
        p.setProperty("tcpKeepAlive", "true"); // a lead whose machine vanished is noticed by the server's keepalives
        p.setProperty("connectTimeout", "10");
        p.setProperty("ApplicationName", "waypoint-gateway");
        PostgresGatewayStore s = new PostgresGatewayStore("jdbc:" + url, p, url + (user == null ? "" : " as " + user));
        try {
            s.connection();
        } catch (SQLException e) {
            throw new StoreException("cannot open the gateway database " + s.where + ": " + e.getMessage()
                    + "; check store.url, store.user and store.password, and that PostgreSQL is running and reachable", e);
        }
        return s;
    }

    private Connection connection() throws SQLException {
        if (db != null && !db.isClosed()) {
            return db;
        }
        if (db != null) {
            Logger.warn("gateway database {}: connection lost, connecting again{}", where, leading ? " (the alert lead is given up)" : "");
        }
        leading = false;
        db = null;
        Connection c = DriverManager.getConnection(url, login);
        try (Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = on");
            s.execute("SET client_min_messages = warning"); // no NOTICE per existing table
            // a gateway frozen inside a transaction (stopped, swapping) would hold its boots' rows and hold the lead's
            // feed back for the whole group: the server ends such a session, and the gateway connects again
            s.execute("SET idle_in_transaction_session_timeout = '30s'");
            c.setAutoCommit(false);
            // gateways of a group starting together on an empty database: CREATE TABLE IF NOT EXISTS run at
            // once by two sessions can fail on the catalog's unique index, so one session creates at a time
            s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            for (String ddl : SCHEMA.split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns "
                    + "WHERE table_schema = current_schema() AND table_name = 'engine_feed' AND column_name = 'seq'")) {
                rs.next();
                if (rs.getLong(1) == 0) { // an ALTER locks the table even when it has nothing to do: only when needed
                    s.execute(FEED_READINGS);
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        db = c;
        return c;
    }

    /** A broken connection is dropped, so the next call connects again. */
    private void dropIfBroken(SQLException e) {
        String state = e.getSQLState();
        try {
            if (db != null && (db.isClosed() || (state != null && state.startsWith("08")) || !db.isValid(2))) {
                db.close();
            }
        } catch (SQLException ignored) {
            // closing a broken connection: it is dropped all the same
        }
    }

    private static boolean isDeadlock(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    private void rollbackQuietly() {
        try {
            if (db != null && !db.isClosed()) {
                db.rollback();
            }
        } catch (SQLException e) {
            Logger.warn("gateway database {}: rollback failed ({})", where, e.getMessage());
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} as one transaction and commits it, retrying a transaction that lost a deadlock. */
    private <T> T transaction(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                Connection c = connection();
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly();
                if (isDeadlock(e) && attempt < DEADLOCK_RETRIES) {
                    Logger.debug("gateway database {}: {} lost a deadlock to another gateway, retrying", where, what);
                    continue;
                }
                dropIfBroken(e);
                throw new StoreException("cannot " + what + " the gateway database " + where + ": " + e.getMessage()
                        + " (is PostgreSQL running, reachable and not out of disk?); nothing of this is acknowledged, nodes resend it", e);
            }
        }
    }

    @Override
    public synchronized boolean[] write(Batch b) {
        return transaction("write to", c -> {
            boolean[] fresh = insertMessages(c, b.messages());
            upsertSequences(c, b.sequences());
            writeRest(c, b);
            return fresh;
        });
    }

    @Override
    public synchronized Written writeShared(Batch b, List<Touched> touched, List<FeedEntry> feed) {
        if (!b.sequences().isEmpty()) {
            throw new IllegalArgumentException("a shared write computes the watermarks itself: the batch must carry none");
        }
        return transaction("write to", c -> {
            boolean[] fresh = insertMessages(c, b.messages());
            List<SequenceState> sequences = advance(c, touched, b.messages(), fresh);
            writeRest(c, b);
            insertFeed(c, feed, b.messages(), fresh);
            return new Written(fresh, sequences);
        });
    }

    /** Inserts in key order (every writer locks keys in the same order); says for each, in the batch's order, whether it was new. */
    private static boolean[] insertMessages(Connection c, List<StoredMessage> messages) throws SQLException {
        boolean[] fresh = new boolean[messages.size()];
        if (messages.isEmpty()) {
            return fresh;
        }
        Integer[] order = new Integer[messages.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparing((Integer i) -> messages.get(i).site())
                .thenComparing(i -> messages.get(i).node()).thenComparingLong(i -> messages.get(i).boot())
                .thenComparingLong(i -> messages.get(i).seq()));
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO messages (site, node, boot, seq, kind, ts, received, body, clock, filed_at, filed_by) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
            for (int i : order) {
                StoredMessage m = messages.get(i);
                ins.setString(1, m.site());
                ins.setString(2, m.node());
                ins.setLong(3, m.boot());
                ins.setLong(4, m.seq());
                ins.setString(5, m.kind());
                ins.setString(6, m.ts().toString());
                ins.setString(7, m.received().toString());
                ins.setString(8, m.body());
                ins.setString(9, m.synced() ? "synced" : "unsynced");
                ins.setString(10, WireTime.format(m.filedAt()));
                ins.setString(11, m.filedBy().column());
                ins.addBatch();
            }
            int[] counts = ins.executeBatch();
            for (int k = 0; k < order.length; k++) {
                fresh[order[k]] = counts[k] > 0;
            }
        }
        return fresh;
    }

    private static void upsertSequences(Connection c, List<SequenceState> sequences) throws SQLException {
        if (sequences.isEmpty()) {
            return;
        }
        try (PreparedStatement up = c.prepareStatement("INSERT INTO sequences (site, node, boot, watermark, lost) VALUES (?,?,?,?,?) "
                + "ON CONFLICT (site, node, boot) DO UPDATE SET watermark = excluded.watermark, lost = excluded.lost")) {
            for (SequenceState s : sorted(sequences)) {
                up.setString(1, s.site());
                up.setString(2, s.node());
                up.setLong(3, s.boot());
                up.setLong(4, s.watermark());
                up.setLong(5, s.lost());
                up.addBatch();
            }
            up.executeBatch();
        }
    }

    private static List<SequenceState> sorted(List<SequenceState> s) {
        return s.stream().sorted(Comparator.comparing(SequenceState::site).thenComparing(SequenceState::node)
                .thenComparingLong(SequenceState::boot)).toList();
    }

    /**
     * Moves each touched boot's watermark over what the store holds, with its row locked: the seqs a
     * node gave up (below its first_seq, not stored) are counted lost, a lost seq stored after all is
     * un-counted, then the watermark climbs while the next seq is stored.
     */
    private static List<SequenceState> advance(Connection c, List<Touched> touched, List<StoredMessage> messages, boolean[] fresh)
            throws SQLException {
        List<Touched> boots = new ArrayList<>();
        touched.stream().sorted(Comparator.comparing(Touched::site).thenComparing(Touched::node).thenComparingLong(Touched::boot))
                .forEach(t -> {
                    Touched last = boots.isEmpty() ? null : boots.get(boots.size() - 1);
                    if (last != null && last.site().equals(t.site()) && last.node().equals(t.node()) && last.boot() == t.boot()) {
                        boots.set(boots.size() - 1, new Touched(t.site(), t.node(), t.boot(), Math.max(last.firstHeld(), t.firstHeld())));
                    } else {
                        boots.add(t);
                    }
                });
        List<SequenceState> out = new ArrayList<>();
        try (PreparedStatement lock = c.prepareStatement("INSERT INTO sequences (site, node, boot, watermark, lost) VALUES (?,?,?,0,0) "
                + "ON CONFLICT (site, node, boot) DO UPDATE SET watermark = sequences.watermark RETURNING watermark, lost");
             PreparedStatement storedBetween = c.prepareStatement(
                     "SELECT count(*) FROM messages WHERE site = ? AND node = ? AND boot = ? AND seq > ? AND seq < ?");
             PreparedStatement above = c.prepareStatement(
                     "SELECT seq FROM messages WHERE site = ? AND node = ? AND boot = ? AND seq > ? ORDER BY seq LIMIT " + ADVANCE_CHUNK);
             PreparedStatement update = c.prepareStatement(
                     "UPDATE sequences SET watermark = ?, lost = ? WHERE site = ? AND node = ? AND boot = ?")) {
            for (Touched t : boots) {
                long watermark;
                long lost;
                lock.setString(1, t.site());
                lock.setString(2, t.node());
                lock.setLong(3, t.boot());
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    watermark = rs.getLong(1);
                    lost = rs.getLong(2);
                }
                long before = watermark;
                long lostBefore = lost;
                for (int i = 0; i < messages.size(); i++) {
                    StoredMessage m = messages.get(i);
                    if (fresh[i] && m.seq() <= watermark && m.site().equals(t.site()) && m.node().equals(t.node()) && m.boot() == t.boot()) {
                        lost = Math.max(0, lost - 1); // below the watermark and new: a seq given up as lost arrived after all
                    }
                }
                // firstHeld - 1 rather than watermark + 1: seqs go up to Long.MAX_VALUE, and a watermark there must not wrap
                if (t.firstHeld() > 0 && t.firstHeld() - 1 > watermark) {
                    storedBetween.setString(1, t.site());
                    storedBetween.setString(2, t.node());
                    storedBetween.setLong(3, t.boot());
                    storedBetween.setLong(4, watermark);
                    storedBetween.setLong(5, t.firstHeld());
                    long stored;
                    try (ResultSet rs = storedBetween.executeQuery()) {
                        rs.next();
                        stored = rs.getLong(1);
                    }
                    long gap = (t.firstHeld() - 1 - watermark) - stored;
                    lost = lost + gap < 0 ? Long.MAX_VALUE : lost + gap;
                    watermark = t.firstHeld() - 1;
                }
                boolean more = true;
                while (more && watermark < Long.MAX_VALUE) {
                    above.setString(1, t.site());
                    above.setString(2, t.node());
                    above.setLong(3, t.boot());
                    above.setLong(4, watermark);
                    int n = 0;
                    more = false;
                    try (ResultSet rs = above.executeQuery()) {
                        while (rs.next()) {
                            n++;
                            long seq = rs.getLong(1);
                            if (seq != watermark + 1) {
                                break;
                            }
                            watermark = seq;
                            more = n == ADVANCE_CHUNK;
                        }
                    }
                }
                if (watermark != before || lost != lostBefore) {
                    update.setLong(1, watermark);
                    update.setLong(2, lost);
                    update.setString(3, t.site());
                    update.setString(4, t.node());
                    update.setLong(5, t.boot());
                    update.executeUpdate();
                }
                out.add(new SequenceState(t.site(), t.node(), t.boot(), watermark, lost));
            }
        }
        return out;
    }

    /** A reading's row names it (site, node, boot, seq), so the lead can take it in its node's order; other inputs name nothing. */
    private static void insertFeed(Connection c, List<FeedEntry> feed, List<StoredMessage> messages, boolean[] fresh)
            throws SQLException {
        if (feed.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO engine_feed (topic, payload, received, filed_at, site, node, boot, seq) VALUES (?,?,?,?,?,?,?,?)")) {
            int n = 0;
            for (FeedEntry f : feed) {
                if (f.message() >= 0 && !fresh[f.message()]) {
                    continue; // a duplicate: its first copy fed the engine
                }
                StoredMessage m = f.message() >= 0 ? messages.get(f.message()) : null;
                ins.setString(1, f.topic());
                ins.setBytes(2, f.payload());
                ins.setString(3, f.received().toString());
                ins.setString(4, f.filedAt() == null ? null : f.filedAt().toString());
                ins.setString(5, m == null ? null : m.site());
                ins.setString(6, m == null ? null : m.node());
                ins.setObject(7, m == null ? null : m.boot(), java.sql.Types.BIGINT);
                ins.setObject(8, m == null ? null : m.seq(), java.sql.Types.BIGINT);
                ins.addBatch();
                n++;
            }
            if (n > 0) {
                ins.executeBatch();
            }
        }
    }

    /** Nodes, alerts, publications, the snapshot, clocks and refiles: what both writes share. */
    private static void writeRest(Connection c, Batch b) throws SQLException {
        if (!b.nodes().isEmpty()) {
            try (PreparedStatement up = c.prepareStatement("INSERT INTO nodes (site, node, boot, online, last_seen, last_message_ts) "
                    + "VALUES (?,?,?,?,?,?) ON CONFLICT (site, node) DO UPDATE SET boot = excluded.boot, online = excluded.online, "
                    + "last_seen = excluded.last_seen, last_message_ts = coalesce(excluded.last_message_ts, nodes.last_message_ts)")) {
                for (NodeState n : b.nodes().stream().sorted(Comparator.comparing(NodeState::site).thenComparing(NodeState::node)).toList()) {
                    up.setString(1, n.site());
                    up.setString(2, n.node());
                    up.setLong(3, n.boot());
                    up.setBoolean(4, n.online());
                    up.setString(5, n.lastSeen().toString());
                    up.setString(6, n.lastMessageTs() == null ? null : n.lastMessageTs().toString());
                    up.addBatch();
                }
                up.executeBatch();
            }
        }
        if (!b.alerts().isEmpty()) {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO alert_history (site, key, state, at, json) VALUES (?,?,?,?,?)")) {
                for (AlertRecord a : b.alerts()) {
                    ins.setString(1, a.site());
                    ins.setString(2, a.key());
                    ins.setString(3, a.state());
                    ins.setString(4, a.at().toString());
                    ins.setString(5, a.json());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        }
        if (!b.publications().isEmpty()) {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO alert_outbox (topic, payload, retained) VALUES (?,?,?)")) {
                for (Publication p : b.publications()) {
                    ins.setString(1, p.topic());
                    ins.setBytes(2, p.payload());
                    ins.setBoolean(3, p.retained());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        }
        if (b.engineSnapshot() != null) {
            try (PreparedStatement up = c.prepareStatement(
                    "INSERT INTO engine_state (id, snapshot) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot")) {
                up.setString(1, b.engineSnapshot());
                up.executeUpdate();
            }
        }
        if (!b.clocks().isEmpty()) {
            try (PreparedStatement up = c.prepareStatement("INSERT INTO boot_clocks (site, node, boot, arrival_bound_ms, "
                    + "last_unsynced_seq, last_unsynced_ts_ms, first_synced_seq, first_synced_ts_ms, filed_min_ms, filed_max_ms) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (site, node, boot) DO UPDATE SET "
                    + "arrival_bound_ms = excluded.arrival_bound_ms, last_unsynced_seq = excluded.last_unsynced_seq, "
                    + "last_unsynced_ts_ms = excluded.last_unsynced_ts_ms, first_synced_seq = excluded.first_synced_seq, "
                    + "first_synced_ts_ms = excluded.first_synced_ts_ms, filed_min_ms = excluded.filed_min_ms, "
                    + "filed_max_ms = excluded.filed_max_ms")) {
                for (BootClock k : b.clocks().stream().sorted(Comparator.comparing(BootClock::site).thenComparing(BootClock::node)
                        .thenComparingLong(BootClock::boot)).toList()) {
                    up.setString(1, k.site());
                    up.setString(2, k.node());
                    up.setLong(3, k.boot());
                    up.setLong(4, k.arrivalBoundMs());
                    up.setLong(5, k.lastUnsyncedSeq());
                    up.setLong(6, k.lastUnsyncedTsMs());
                    up.setLong(7, k.firstSyncedSeq());
                    up.setLong(8, k.firstSyncedTsMs());
                    up.setLong(9, k.filedMinMs());
                    up.setLong(10, k.filedMaxMs());
                    up.addBatch();
                }
                up.executeBatch();
            }
        }
        if (!b.refiles().isEmpty()) {
            try (PreparedStatement refile = c.prepareStatement("SELECT seq, ts FROM messages WHERE site = ? AND node = ? AND boot = ? "
                    + "AND clock = 'unsynced' ORDER BY seq");
                 PreparedStatement set = c.prepareStatement(
                         "UPDATE messages SET filed_at = ?, filed_by = ? WHERE site = ? AND node = ? AND boot = ? AND seq = ?")) {
                for (Refile r : b.refiles()) {
                    refile.setString(1, r.site());
                    refile.setString(2, r.node());
                    refile.setLong(3, r.boot());
                    try (ResultSet rs = refile.executeQuery()) {
                        while (rs.next()) {
                            // their ts, read back, is the node's own
                            set.setString(1, WireTime.format(Instant.parse(rs.getString(2)).plusMillis(r.offsetMs())));
                            set.setString(2, r.by().column());
                            set.setString(3, r.site());
                            set.setString(4, r.node());
                            set.setLong(5, r.boot());
                            set.setLong(6, rs.getLong(1));
                            set.addBatch();
                        }
                    }
                }
                set.executeBatch();
            }
        }
    }

    @Override
    public synchronized Lead lead() {
        try {
            Connection c = connection();
            if (leading) {
                return Lead.LEADING;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LEAD_LOCK + ")")) {
                rs.next();
                leading = rs.getBoolean(1);
            }
            c.commit();
            return leading ? Lead.TOOK_OVER : Lead.FOLLOWING;
        } catch (SQLException e) {
            rollbackQuietly();
            dropIfBroken(e);
            leading = false;
            Logger.warn("gateway database {}: cannot ask for the alert lead ({}); following", where, e.getMessage());
            return Lead.FOLLOWING;
        }
    }

    /**
     * Two reads: the inputs that are no reading (node states, staff acks, and readings fed before rows
     * named them) in commit order; and the readings at or below their boot's watermark, each boot's in
     * seq order, as far as its rows are settled (their transactions ended). Every seq at or below a
     * watermark the lead sees was committed before it, so no reading of a boot can still come below
     * one it is handed. The lists are merged in commit order as near as their own orders allow.
     */
    @Override
    public synchronized List<FeedItem> feed(int max) {
        List<Ordered> others = read("SELECT id, topic, payload, received, filed_at, xid::text, true, NULL, NULL, NULL FROM engine_feed "
                + "WHERE seq IS NULL AND xid < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY xid, id LIMIT " + max,
                PostgresGatewayStore::ordered);
        List<Ordered> readings = read("SELECT f.id, f.topic, f.payload, f.received, f.filed_at, f.xid::text, "
                + "f.xid < pg_snapshot_xmin(pg_current_snapshot()), f.site || '/' || f.node, f.boot, f.seq FROM engine_feed f "
                + "JOIN sequences s ON s.site = f.site AND s.node = f.node AND s.boot = f.boot "
                + "WHERE f.seq IS NOT NULL AND f.seq <= s.watermark ORDER BY f.site, f.node, f.boot, f.seq LIMIT " + max,
                PostgresGatewayStore::ordered);
        return FeedOrder.merge(others, readings, max);
    }

    private static Ordered ordered(ResultSet rs) throws SQLException {
        FeedItem item = new FeedItem(rs.getLong(1), rs.getString(2), rs.getBytes(3), Instant.parse(rs.getString(4)),
                rs.getString(5) == null ? null : Instant.parse(rs.getString(5)));
        String node = rs.getString(8);
        return new Ordered(item, Long.parseLong(rs.getString(6)), rs.getBoolean(7),
                node == null ? null : node + "/" + rs.getLong(9), rs.getLong(10));
    }

    @Override
    public synchronized void writeLed(Batch b, List<Long> consumed) {
        if (!b.messages().isEmpty() || !b.sequences().isEmpty()) {
            throw new IllegalArgumentException("the lead's write carries alerts and the engine's state, not messages");
        }
        try {
            connection(); // a connection opened again is a new session: it holds no lead
        } catch (SQLException e) {
            throw new StoreException("cannot reach the gateway database " + where + ": " + e.getMessage()
                    + " (is PostgreSQL running and reachable?)", e);
        }
        if (!leading) {
            throw new StoreException("this gateway no longer holds the alert lead (its database session ended): another gateway of "
                    + "the group evaluates the alerts now; nothing was consumed", null);
        }
        // the lead is the session's, and this transaction runs in it: it commits only while the lead is ours
        transaction("write the alerts to", c -> {
            writeRest(c, b);
            if (!consumed.isEmpty()) {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM engine_feed WHERE id = ANY (?)")) {
                    del.setArray(1, c.createArrayOf("bigint", consumed.toArray()));
                    del.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public synchronized List<SequenceState> sequences() {
        return read(StoredRows.SEQUENCES, StoredRows::sequenceState);
    }

    @Override
    public synchronized List<BootClock> bootClocks() {
        return read(StoredRows.BOOT_CLOCKS, StoredRows::bootClock);
    }

    @Override
    public synchronized List<NodeState> nodes() {
        return read(StoredRows.NODES, StoredRows::nodeState);
    }

    @Override
    public synchronized Optional<String> engineSnapshot() {
        List<String> s = read(StoredRows.ENGINE_SNAPSHOT, rs -> rs.getString(1));
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    @Override
    public synchronized List<Publication> pendingPublications() {
        return read(StoredRows.PENDING_PUBLICATIONS, StoredRows::publication);
    }

    @Override
    public synchronized void published(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        transaction("update", c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM alert_outbox WHERE id = ANY (?)")) {
                del.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                del.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized long countMessages(String site, String node) {
        return read(StoredRows.COUNT_NODE_MESSAGES, rs -> rs.getLong(1), site, node).get(0);
    }

    @Override
    public synchronized long countMessages() {
        return read(StoredRows.COUNT_MESSAGES, rs -> rs.getLong(1)).get(0);
    }

    @Override
    public synchronized List<StoredMessage> messages(String site, String node, String kind) {
        return read(StoredRows.NODE_MESSAGES, StoredRows::storedMessage, site, node, kind);
    }

    @Override
    public synchronized long countFiled(String site, String kind, Instant from, Instant to) {
        return read(StoredRows.COUNT_FILED, rs -> rs.getLong(1), site, kind, WireTime.format(from), WireTime.format(to)).get(0);
    }

    /** Through a cursor (fetch size; the connection is never in autocommit), so the rows are not all in memory at once. */
    @Override
    public synchronized void forEachFiled(String site, String kind, Instant from, Instant to, Consumer<StoredMessage> each) {
        try {
            Connection c = connection();
            StoredRows.eachFiled(c, site, kind, from, to, each);
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            dropIfBroken(e);
            throw new StoreException("cannot read the gateway database " + where + ": " + e.getMessage()
                    + " (is PostgreSQL running and reachable?)", e);
        }
    }

    @Override
    public synchronized List<AlertRecord> alertHistory(String site) {
        return read(StoredRows.ALERT_HISTORY, StoredRows::alertRecord, site);
    }

    /** A database server keeps its own files whole: there is nothing for the gateway to set aside. */
    @Override
    public Optional<Recovery> recovery() {
        return Optional.empty();
    }

    private <T> List<T> read(String sql, StoredRows.Row<T> row, String... args) {
        try {
            Connection c = connection();
            List<T> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    q.setString(i + 1, args[i]);
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(row.map(rs));
                    }
                }
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            rollbackQuietly();
            dropIfBroken(e);
            throw new StoreException("cannot read the gateway database " + where + ": " + e.getMessage()
                    + " (is PostgreSQL running and reachable?)", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (db != null && !db.isClosed()) {
                db.commit();
                db.close(); // the session ends, and with it the lead
            }
        } catch (SQLException e) {
            Logger.warn("closing the gateway database {}: {}", where, e.getMessage());
        }
        leading = false;
    }
}
