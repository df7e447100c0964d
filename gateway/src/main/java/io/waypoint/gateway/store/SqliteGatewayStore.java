package io.waypoint.gateway.store;

import io.waypoint.wire.WireTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * The SQLite store. WAL with {@code synchronous=FULL}: each commit is fsynced, because the gateway
 * tells nodes to delete what it acknowledged right after the commit (with NORMAL a power cut could
 * lose an acknowledged batch). Batched transactions keep that to a few fsyncs a second at any load.
 * Messages live in one table, unique by (site, node, boot, seq), so the duplicate check is the
 * constraint itself. It is an ordinary rowid table: its rows (a JSON body each, about 400 bytes) are
 * appended in arrival order, and only the small key goes into a B-tree ordered by node. A database
 * made before this keeps its WITHOUT ROWID table, where every row sat in the key's B-tree: the same
 * statements work on both, and a batch of 200 messages cost 28 µs a message there against 20 here
 * ({@code GatewayStoreBenchmark}). Reports read the JSON bodies with SQLite's JSON functions, and go by
 * {@code filed_at} (when the reading was made, as best known: see {@code ClockFiling}), never by the
 * node's raw {@code ts}, which a board without RTC stamps in 1970.
 *
 * <p><b>A damaged database</b> never stops the gateway nor is silently wiped. At open, the file's
 * header is checked (the magic string, a page size, and a length no shorter than the page count it
 * declares: garbage and truncation), and any "not a database" or "malformed" error while opening
 * counts too. A damaged file is moved aside with its {@code -wal} and {@code -shm} as
 * {@code gateway.db.corrupt-<its last-modified time>}, a fresh database is started, and every row
 * that can still be read from the old one is copied over, table by table, up to the first unreadable
 * page; the log says what was kept and what to do, and {@link #recovery()} feeds the gateway's
 * stats. Nodes resend what the gateway has not acknowledged, and their {@code first_seq} moves the
 * watermarks past what they already deleted. Damage found later, by a write, is marked in
 * {@code gateway.db.damaged} so the next start sets the file aside even if its header looks whole
 * (a full {@code PRAGMA quick_check} at each start would read gigabytes from an SD card).
 */
final class SqliteGatewayStore implements GatewayStore {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS messages (
              site TEXT NOT NULL, node TEXT NOT NULL, boot INTEGER NOT NULL, seq INTEGER NOT NULL,
              kind TEXT NOT NULL, ts TEXT NOT NULL, received TEXT NOT NULL, body TEXT NOT NULL,
              UNIQUE (site, node, boot, seq));
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
            CREATE TABLE IF NOT EXISTS boot_clocks (
              site TEXT NOT NULL, node TEXT NOT NULL, boot INTEGER NOT NULL,
              arrival_bound_ms INTEGER NOT NULL, last_unsynced_seq INTEGER NOT NULL, last_unsynced_ts_ms INTEGER NOT NULL,
              first_synced_seq INTEGER NOT NULL, first_synced_ts_ms INTEGER NOT NULL,
              filed_min_ms INTEGER NOT NULL, filed_max_ms INTEGER NOT NULL,
              PRIMARY KEY (site, node, boot)) WITHOUT ROWID
            """;
    /**
     * Columns added to {@code messages} after its first release, with their definitions: added to an
     * older database at open. {@code filed_at} is written with {@link WireTime#format} (always three
     * fraction digits), so text order is time order.
     */
    private static final Map<String, String> ADDED_MESSAGE_COLUMNS = Map.of(
            "clock", "TEXT NOT NULL DEFAULT 'synced'",
            "filed_at", "TEXT",
            "filed_by", "TEXT NOT NULL DEFAULT 'node_clock'");
    /** Tables whose rows a recovery copies from a damaged file, most precious first. */
    private static final List<String> TABLES = List.of("messages", "sequences", "boot_clocks", "nodes", "alert_history",
            "alert_outbox", "engine_state");
    private static final String DB_FILE = "gateway.db";
    /** Marks a database a write found damaged: the next open sets it aside. */
    private static final String DAMAGED_MARK = "gateway.db.damaged";
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path file;
    private final Connection db;
    private final PreparedStatement insertMessage;
    private final PreparedStatement upsertSequence;
    private final PreparedStatement upsertNode;
    private final PreparedStatement insertAlert;
    private final PreparedStatement insertPublication;
    private final PreparedStatement upsertSnapshot;
    private final PreparedStatement upsertBootClock;
    private final PreparedStatement unsyncedOfBoot;
    private final PreparedStatement refileMessage;
    private Recovery recovery;

    private SqliteGatewayStore(Path file, Connection db) throws SQLException {
        this.file = file;
        this.db = db;
        insertMessage = db.prepareStatement(
                "INSERT OR IGNORE INTO messages (site, node, boot, seq, kind, ts, received, body, clock, filed_at, filed_by) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
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
        upsertBootClock = db.prepareStatement(
                "INSERT OR REPLACE INTO boot_clocks (site, node, boot, arrival_bound_ms, last_unsynced_seq, last_unsynced_ts_ms, "
                        + "first_synced_seq, first_synced_ts_ms, filed_min_ms, filed_max_ms) VALUES (?,?,?,?,?,?,?,?,?,?)");
        unsyncedOfBoot = db.prepareStatement(
                "SELECT seq, ts FROM messages WHERE site = ? AND node = ? AND boot = ? AND clock = 'unsynced'");
        refileMessage = db.prepareStatement(
                "UPDATE messages SET filed_at = ?, filed_by = ? WHERE site = ? AND node = ? AND boot = ? AND seq = ?");
    }

    static SqliteGatewayStore open(Path dataDir) {
        Path file = dataDir.resolve(DB_FILE);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the gateway data dir " + dataDir + ": " + e.getMessage(), e);
        }
        String problem = damageMark(dataDir).orElse(null);
        if (problem == null) {
            problem = headerProblem(file).orElse(null);
        }
        if (problem == null) {
            try {
                return connect(file);
            } catch (SQLException e) {
                if (!isDamage(e)) {
                    throw new StoreException("cannot open the gateway database " + file + ": " + e.getMessage()
                            + "; check the data dir's permissions and free space", e);
                }
                problem = e.getMessage();
            }
        }
        return recover(file, problem);
    }

    /**
     * Opens an existing database read-only, beside a gateway that may be running: WAL lets a reader see
     * the last committed state while the gateway writes. No schema change, no recovery (a damaged file
     * is the running gateway's to set aside), so nothing here can disturb it.
     */
    static SqliteGatewayStore openReadOnly(Path dataDir) {
        Path file = dataDir.resolve(DB_FILE);
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no gateway database at " + file + ": give the gateway's data dir (--data, or data.dir in its "
                    + "config file), where it keeps " + DB_FILE, null);
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        try {
            Connection db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            db.setAutoCommit(false);
            return new SqliteGatewayStore(file, db);
        } catch (SQLException e) {
            throw new StoreException("cannot open the gateway database " + file + " read-only: " + e.getMessage()
                    + "; check that it is a gateway's database and readable by this user", e);
        }
    }

    /** Opens (creating) the database, brings its schema up to date and reads every small table once. */
    private static SqliteGatewayStore connect(Path file) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                // a checkpoint every 16 MB of log rather than 4: the pages a busy gateway rewrites at every commit (the
                // index's last leaves, the small tables) are copied to the database once per checkpoint, however often
                // they changed; 20 -> 16 µs a message in GatewayStoreBenchmark. The log is cut back to that size after.
                s.execute("PRAGMA wal_autocheckpoint=4096");
                s.execute("PRAGMA journal_size_limit=" + 16 * 1024 * 1024);
                for (String ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) {
                        s.execute(ddl);
                    }
                }
                addMessageColumns(db, s);
                // what the gateway reads at start anyway: damage in these pages shows now, not at the first batch
                for (String t : List.of("sequences", "nodes", "engine_state", "boot_clocks", "alert_outbox")) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
                        rs.next();
                    }
                }
            }
            db.setAutoCommit(false);
            db.commit();
            return new SqliteGatewayStore(file, db);
        } catch (SQLException e) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // the open failed; the first error is the one to report
            }
            throw e;
        }
    }

    private static void addMessageColumns(Connection db, Statement s) throws SQLException {
        List<String> present = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(messages)")) {
            while (rs.next()) {
                present.add(rs.getString("name"));
            }
        }
        boolean added = false;
        for (Map.Entry<String, String> c : ADDED_MESSAGE_COLUMNS.entrySet()) {
            if (!present.contains(c.getKey())) {
                s.execute("ALTER TABLE messages ADD COLUMN " + c.getKey() + " " + c.getValue());
                added = true;
            }
        }
        // rows from before the filing rule, or salvaged from a file that had none: filed at their own ts
        s.executeUpdate("UPDATE messages SET filed_at = ts WHERE filed_at IS NULL");
        s.execute("CREATE INDEX IF NOT EXISTS messages_by_filing ON messages (site, kind, filed_at)");
        // every read by time is by filing time since the filing rule: the index by ts only cost each insert a third B-tree
        s.execute("DROP INDEX IF EXISTS messages_by_time");
        if (added) {
            Logger.info("gateway database: added the clock and filing columns to its messages");
        }
    }

    /** SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), in their primary or extended forms. */
    static boolean isDamage(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        String m = e.getMessage() == null ? "" : e.getMessage();
        return code == 11 || code == 26 || m.contains("SQLITE_CORRUPT") || m.contains("SQLITE_NOTADB")
                || m.contains("malformed") || m.contains("not a database");
    }

    /** What is wrong with the file's header (garbage, truncation), or empty if it is whole or absent. */
    static Optional<String> headerProblem(Path file) {
        long size;
        ByteBuffer h = ByteBuffer.allocate(100);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            if (size == 0) {
                return Optional.empty(); // created and never written: SQLite starts it
            }
            while (h.hasRemaining() && ch.read(h, h.position()) >= 0) {
                // the 100-byte header
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
        if (h.position() < 100 || !new String(h.array(), 0, 16, StandardCharsets.ISO_8859_1).equals("SQLite format 3\u0000")) {
            return Optional.of("not a database: it does not start with SQLite's header (" + size + " bytes)");
        }
        int pageSize = Short.toUnsignedInt(h.getShort(16));
        pageSize = pageSize == 1 ? 65_536 : pageSize;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            return Optional.of("damaged header: page size " + pageSize);
        }
        long pages = Integer.toUnsignedLong(h.getInt(28));
        // the page count is valid when the change counter matches the version-valid-for number
        if (h.getInt(24) == h.getInt(92) && pages > 0 && size < pages * pageSize) {
            return Optional.of("truncated: " + size + " bytes, but its header counts " + pages + " pages of " + pageSize
                    + " bytes (" + pages * pageSize + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> damageMark(Path dataDir) {
        Path mark = dataDir.resolve(DAMAGED_MARK);
        if (!Files.exists(mark)) {
            return Optional.empty();
        }
        try {
            return Optional.of("a write found it damaged: " + Files.readString(mark).strip());
        } catch (IOException e) {
            return Optional.of("a write found it damaged");
        }
    }

    /** Sets the damaged file aside, starts a fresh database and copies what can be read of the old one. */
    private static SqliteGatewayStore recover(Path file, String problem) {
        Path aside;
        try {
            aside = moveAside(file);
        } catch (IOException e) {
            throw new StoreException("the gateway database " + file + " is damaged (" + problem + ") and cannot be moved aside ("
                    + e.getMessage() + "): move it away by hand and start the gateway again; nodes resend what it has not"
                    + " acknowledged", e);
        }
        SqliteGatewayStore fresh;
        try {
            fresh = connect(file);
        } catch (SQLException e) {
            throw new StoreException("cannot start a fresh gateway database " + file + " after setting the damaged one aside: "
                    + e.getMessage() + "; check the data dir's permissions and free space", e);
        }
        Map<String, Long> salvaged = fresh.salvage(aside);
        try {
            Files.deleteIfExists(file.resolveSibling(DAMAGED_MARK));
        } catch (IOException e) {
            Logger.warn("cannot remove {}: {}; the next start would set the fresh database aside too", DAMAGED_MARK, e.getMessage());
        }
        fresh.recovery = new Recovery(file, problem, aside, Map.copyOf(salvaged));
        Logger.error("GATEWAY DATABASE DAMAGED: {} ({}). Moved it to {} and started a fresh database.", file, problem, aside);
        Logger.error("Kept from it: {} message(s), {} sequence watermark(s), {} node(s), {} alert transition(s), {} unsent alert "
                        + "publication(s), {} alert engine snapshot(s).", salvaged.get("messages"), salvaged.get("sequences"),
                salvaged.get("nodes"), salvaged.get("alert_history"), salvaged.get("alert_outbox"), salvaged.get("engine_state"));
        Logger.error("What to do: nothing urgent, nodes resend what was not acknowledged; keep {} for recovery (sqlite3 {} "
                + "'.recover' > old.sql recovers more rows); if this recurs, the disk is failing: replace it.", aside, aside);
        return fresh;
    }

    /** Moves {@code file} and its -wal and -shm to {@code NAME.corrupt-<mtime>[-n]}, never over an earlier one. */
    private static Path moveAside(Path file) throws IOException {
        String stem = file.getFileName() + ".corrupt-" + ASIDE_TIME.format(Files.getLastModifiedTime(file).toInstant());
        Path aside = file.resolveSibling(stem);
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = file.resolveSibling(stem + "-" + n);
        }
        // the WAL first: a crash between the moves must not leave a WAL beside the wrong file
        for (String suffix : List.of("-wal", "-shm")) {
            Path side = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(side)) {
                Files.move(side, aside.resolveSibling(aside.getFileName() + suffix));
            }
        }
        Files.move(file, aside);
        try (FileChannel d = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // a file system that cannot fsync a directory: the rename still happened
        }
        return aside;
    }

    /**
     * Copies every row of {@link #TABLES} that can be read from {@code damaged} into this database,
     * table by table, through the columns both have; a table stops at its first unreadable page.
     */
    private Map<String, Long> salvage(Path damaged) {
        Map<String, Long> copied = new LinkedHashMap<>();
        TABLES.forEach(t -> copied.put(t, 0L));
        String url = "jdbc:sqlite:file:" + damaged.toAbsolutePath() + "?mode=ro";
        try (Connection old = DriverManager.getConnection(url)) {
            try (Statement s = old.createStatement()) {
                // SQLite refuses a file shorter than its header says unless the schema is "writable";
                // then it reads the pages that are there (the connection is read-only all the same)
                s.execute("PRAGMA writable_schema=ON");
            }
            for (String table : TABLES) {
                copied.put(table, copyTable(old, table));
            }
        } catch (SQLException e) {
            Logger.warn("gateway database {}: nothing can be read from it ({})", damaged, e.getMessage());
        }
        try (Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE messages SET filed_at = ts WHERE filed_at IS NULL");
            db.commit();
        } catch (SQLException e) {
            Logger.warn("gateway database {}: filing the salvaged messages failed ({})", file, e.getMessage());
        }
        return copied;
    }

    private long copyTable(Connection old, String table) {
        List<String> columns = new ArrayList<>();
        try (Statement s = old.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            List<String> ours = columnsOf(table);
            while (rs.next()) {
                String c = rs.getString("name");
                if (ours.contains(c)) {
                    columns.add(c);
                }
            }
        } catch (SQLException e) {
            Logger.warn("gateway database: table {} cannot be read from the damaged file ({})", table, e.getMessage());
            return 0;
        }
        if (columns.isEmpty()) {
            return 0;
        }
        String list = String.join(", ", columns);
        String marks = String.join(",", java.util.Collections.nCopies(columns.size(), "?"));
        long n = 0;
        long kept = 0;
        try (PreparedStatement insert = db.prepareStatement("INSERT OR IGNORE INTO " + table + " (" + list + ") VALUES (" + marks + ")");
             Statement s = old.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + list + " FROM " + table)) {
            try {
                while (rs.next()) {
                    n++;
                    Object[] row = new Object[columns.size()];
                    for (int i = 1; i <= columns.size(); i++) {
                        row[i - 1] = rs.getObject(i);
                    }
                    if (!whole(columns, row)) {
                        continue;
                    }
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                    if (n % 1000 == 0) {
                        kept += inserted(insert.executeBatch());
                    }
                }
            } catch (SQLException e) {
                Logger.warn("gateway database: table {} of the damaged file is readable only up to row {} ({})", table, n,
                        e.getMessage());
            }
            kept += inserted(insert.executeBatch());
            db.commit();
        } catch (SQLException e) {
            Logger.warn("gateway database: table {} cannot be copied from the damaged file ({})", table, e.getMessage());
            rollbackQuietly();
            return 0;
        }
        if (kept < n) {
            // a row of a damaged page that is not whole, or breaks a constraint (a null, a key read twice): not salvaged
            Logger.warn("gateway database: {} of the {} row(s) read from table {} of the damaged file were not whole and were "
                    + "left out", n - kept, n, table);
        }
        return kept;
    }

    /** Instants, as the store writes them: a damaged page's row may hold anything there. */
    private static final Set<String> INSTANT_COLUMNS = Set.of("ts", "received", "filed_at", "last_seen",
            "last_message_ts", "at");

    /**
     * Whether a row read from a damaged file is whole: no NUL in its text (a page cut short reads as zeros),
     * and every instant readable.
     */
    private static boolean whole(List<String> columns, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof String text) {
                if (text.indexOf('\0') >= 0) {
                    return false;
                }
                if (INSTANT_COLUMNS.contains(columns.get(i)) && !readableInstant(text)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code text} reads as the store reads its instants ({@code Instant.parse}, in {@link StoredRows}). */
    private static boolean readableInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static long inserted(int[] counts) {
        long sum = 0;
        for (int c : counts) {
            sum += c > 0 ? 1 : 0;
        }
        return sum;
    }

    private List<String> columnsOf(String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                out.add(rs.getString("name"));
            }
        }
        return out;
    }

    @Override
    public Optional<Recovery> recovery() {
        return Optional.ofNullable(recovery);
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
                insertMessage.setString(6, WireTime.isoInstant(m.ts()));
                insertMessage.setString(7, WireTime.isoInstant(m.received()));
                insertMessage.setString(8, m.body());
                insertMessage.setString(9, m.synced() ? "synced" : "unsynced");
                insertMessage.setString(10, WireTime.format(m.filedAt()));
                insertMessage.setString(11, m.filedBy().column());
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
                upsertNode.setString(5, WireTime.isoInstant(n.lastSeen()));
                upsertNode.setString(6, n.lastMessageTs() == null ? null : WireTime.isoInstant(n.lastMessageTs()));
                upsertNode.addBatch();
            }
            if (!b.nodes().isEmpty()) {
                upsertNode.executeBatch();
            }
            for (AlertRecord a : b.alerts()) {
                insertAlert.setString(1, a.site());
                insertAlert.setString(2, a.key());
                insertAlert.setString(3, a.state());
                insertAlert.setString(4, WireTime.isoInstant(a.at()));
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
            for (BootClock c : b.clocks()) {
                upsertBootClock.setString(1, c.site());
                upsertBootClock.setString(2, c.node());
                upsertBootClock.setLong(3, c.boot());
                upsertBootClock.setLong(4, c.arrivalBoundMs());
                upsertBootClock.setLong(5, c.lastUnsyncedSeq());
                upsertBootClock.setLong(6, c.lastUnsyncedTsMs());
                upsertBootClock.setLong(7, c.firstSyncedSeq());
                upsertBootClock.setLong(8, c.firstSyncedTsMs());
                upsertBootClock.setLong(9, c.filedMinMs());
                upsertBootClock.setLong(10, c.filedMaxMs());
                upsertBootClock.addBatch();
            }
            if (!b.clocks().isEmpty()) {
                upsertBootClock.executeBatch();
            }
            for (Refile r : b.refiles()) {
                refile(r);
            }
            db.commit();
            boolean[] fresh = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
                fresh[i] = counts[i] > 0;
            }
            return fresh;
        } catch (SQLException e) {
            rollbackQuietly();
            if (isDamage(e)) {
                markDamaged(e);
                throw new StoreException("the gateway database " + file + " is damaged (" + e.getMessage() + "): restart the "
                        + "gateway, which sets it aside, starts a fresh one and keeps what can be read; nothing is acknowledged "
                        + "until then, so nodes keep what they hold", e);
            }
            throw new StoreException("cannot write to the gateway database " + file + ": " + e.getMessage()
                    + " (is the disk full or read-only?)", e);
        }
    }

    /** Re-files the unsynced messages of one boot at their ts plus the offset: their ts, read back, is the node's own. */
    private void refile(Refile r) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        List<String> filed = new ArrayList<>();
        unsyncedOfBoot.setString(1, r.site());
        unsyncedOfBoot.setString(2, r.node());
        unsyncedOfBoot.setLong(3, r.boot());
        try (ResultSet rs = unsyncedOfBoot.executeQuery()) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
                filed.add(WireTime.format(Instant.parse(rs.getString(2)).plusMillis(r.offsetMs())));
            }
        }
        for (int i = 0; i < seqs.size(); i++) {
            refileMessage.setString(1, filed.get(i));
            refileMessage.setString(2, r.by().column());
            refileMessage.setString(3, r.site());
            refileMessage.setString(4, r.node());
            refileMessage.setLong(5, r.boot());
            refileMessage.setLong(6, seqs.get(i));
            refileMessage.addBatch();
        }
        if (!seqs.isEmpty()) {
            refileMessage.executeBatch();
        }
    }

    private void markDamaged(SQLException e) {
        try {
            Files.writeString(file.resolveSibling(DAMAGED_MARK), e.getMessage() + "\n");
        } catch (IOException io) {
            Logger.error("cannot mark {} damaged ({}): move it aside by hand before restarting the gateway", file, io.getMessage());
        }
    }

    private void rollbackQuietly() {
        try {
            insertMessage.clearBatch();
            upsertSequence.clearBatch();
            upsertNode.clearBatch();
            insertAlert.clearBatch();
            insertPublication.clearBatch();
            upsertBootClock.clearBatch();
            refileMessage.clearBatch();
            db.rollback();
        } catch (SQLException e) {
            Logger.error("rollback failed on {}: {}", file, e.getMessage());
        }
    }

    @Override
    public synchronized List<SequenceState> sequences() {
        return query(StoredRows.SEQUENCES, StoredRows::sequenceState);
    }

    @Override
    public synchronized List<BootClock> bootClocks() {
        return query(StoredRows.BOOT_CLOCKS, StoredRows::bootClock);
    }

    @Override
    public synchronized List<NodeState> nodes() {
        return query(StoredRows.NODES, StoredRows::nodeState);
    }

    @Override
    public synchronized Optional<String> engineSnapshot() {
        List<String> s = query(StoredRows.ENGINE_SNAPSHOT, rs -> rs.getString(1));
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    @Override
    public synchronized List<Publication> pendingPublications() {
        return query(StoredRows.PENDING_PUBLICATIONS, StoredRows::publication);
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
        return queryLong(StoredRows.COUNT_NODE_MESSAGES, site, node);
    }

    @Override
    public synchronized long countMessages() {
        return queryLong(StoredRows.COUNT_MESSAGES);
    }

    @Override
    public synchronized long countFiled(String site, String kind, Instant from, Instant to) {
        return queryLong(StoredRows.COUNT_FILED, site, kind, WireTime.format(from), WireTime.format(to));
    }

    @Override
    public synchronized List<StoredMessage> messages(String site, String node, String kind) {
        return query(StoredRows.NODE_MESSAGES, StoredRows::storedMessage, site, node, kind);
    }

    @Override
    public synchronized void forEachFiled(String site, String kind, Instant from, Instant to, Consumer<StoredMessage> each) {
        try {
            StoredRows.eachFiled(db, site, kind, from, to, each);
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("cannot read the gateway database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<AlertRecord> alertHistory(String site) {
        return query(StoredRows.ALERT_HISTORY, StoredRows::alertRecord, site);
    }

    private <T> List<T> query(String sql, StoredRows.Row<T> row, String... args) {
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
