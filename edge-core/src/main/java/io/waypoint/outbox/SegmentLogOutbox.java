package io.waypoint.outbox;

import io.waypoint.storage.FileDamage;
import io.waypoint.storage.StorageProblem;
import io.waypoint.time.Scheduler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * The outbox as an append-only log of segment files.
 *
 * <p><b>Why a segment log and not SQLite in WAL mode.</b> An SD card wears with the bytes written.
 * Here a message is written once, sequentially: its payload plus 28 bytes and its topic (about 1.15x
 * for a 400-byte payload). SQLite writes each changed page to the WAL and again to the database at
 * checkpoint, plus index pages, and a 4 KiB page for a 400-byte row. Deleting acknowledged messages
 * here is deleting a whole segment file once every message in it is acknowledged: no per-row deletes
 * or vacuum, and never a file per message (Paho's file persistence creates, fsyncs and deletes a
 * file per message). sqlite-jdbc, a native library, is also not on edge-core's class path.
 * Recovery is explicit: every record carries a CRC.
 *
 * <p><b>Files in {@code dir}.</b> {@code NNNNNNNNNNNNNNNNNNNN.seg}: segments, ascending ids in
 * ascending (boot, seq) order (format in {@link RecordCodec}). Each is at most {@link #segmentBytes}
 * (maxBytes/16, clamped to [256 KiB, 8 MiB] and at most maxBytes/4), so the store is a handful of
 * files, and a drop or reclaim frees a sixteenth of it at a time. Only the newest segment is
 * appended to; a full one is sealed and a new one created. {@code acks}: the watermarks and drop counts
 * ({@link AckState}). {@code lock}: held while open, so two processes never write one store.
 * {@code corrupt/}: copies of damaged files, kept for a technician.
 *
 * <p><b>Memory.</b> Per segment: its size and its seqs as runs per boot ({@link SeqRuns}), one pair of
 * longs per boot normally. No object per held message; batches are read from disk through one window.
 *
 * <p><b>Locks.</b> {@code lock} guards all state and every read and write of segment files except
 * fsyncs, which run outside it so appends never wait for an SD card's fsync. {@code commitLock}
 * serialises commits, {@code stateLock} writes of the acks file. Order: commitLock, stateLock, lock.
 */
final class SegmentLogOutbox implements Outbox {
    /** The shortest time between two writes of the acks file. */
    static final Duration STATE_INTERVAL = Duration.ofSeconds(1);
    static final String CORRUPT_DIR = "corrupt";
    /** What a damage report calls this store. */
    static final String PART = "outbox";
    private static final String LOCK_FILE = "lock";
    private static final long MIN_SEGMENT = 256 * 1024;
    private static final long MAX_SEGMENT = 8 * 1024 * 1024;
    private static final int READ_WINDOW = 64 * 1024;
    private static final long HEADER = RecordCodec.HEADER;

    private final Path dir;
    private final OutboxOptions options;
    private final Scheduler scheduler;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    /** Why this store cannot be written, or null. */
    private final String readOnly;
    /** What kind of refusal {@link #readOnly} is, or null. */
    private final StorageProblem readOnlyProblem;

    private final Object lock = new Object();
    private final Object commitLock = new Object();
    private final Object stateLock = new Object();

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong corruptMovedAside = new AtomicLong();
    private final List<Consumer<OutboxMessage>> listeners = new CopyOnWriteArrayList<>();
    private final List<FileDamage> damage = new CopyOnWriteArrayList<>();

    // everything below is guarded by lock
    private final List<Segment> segments = new ArrayList<>();
    private final TreeMap<Long, Long> watermarks = new TreeMap<>();
    private final RecordReader reader = new RecordReader(READ_WINDOW);
    private Segment active;
    private long nextSegmentId = 1;
    private long totalBytes;
    private long lastBoot = -1;
    private long lastSeq = -1;
    private OutboxMessage lastAppended;
    /** The next nextBatch reads from the first segment with id >= cursorId, at cursorPos if it is that one. */
    private long cursorId;
    private long cursorPos = HEADER;
    private long cursorBoot = -1;
    private long cursorSeq = -1;
    /** The newest message handed out since the last rewind. */
    private long handedBoot = -1;
    private long handedSeq = -1;
    private long droppedPending;
    private long droppedTotal;
    private int uncommitted;
    private boolean directoryDirty;
    private boolean stateDirty;
    private Scheduler.Task commitTimer;
    private Scheduler.Task batchTrigger;
    private Scheduler.Task stateTimer;
    private boolean schedulerRefused;
    private boolean closed;
    private boolean released;

    private SegmentLogOutbox(Path dir, OutboxOptions options, Scheduler scheduler, FileChannel lockChannel,
            FileLock fileLock, String readOnly, StorageProblem readOnlyProblem) {
        this.dir = dir;
        this.options = options;
        this.scheduler = scheduler;
        this.segmentBytes = segmentBytes(options.maxBytes());
        this.lockChannel = lockChannel;
        this.fileLock = fileLock;
        this.readOnly = readOnly;
        this.readOnlyProblem = readOnlyProblem;
    }

    static long segmentBytes(long maxBytes) {
        long s = Math.max(MIN_SEGMENT, Math.min(MAX_SEGMENT, maxBytes / 16));
        return Math.min(s, maxBytes / 4);
    }

    static SegmentLogOutbox open(Path dir, OutboxOptions options, Scheduler scheduler) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(scheduler, "scheduler");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create outbox directory " + dir + ": " + e, e);
        }
        FileChannel lockChannel = null;
        FileLock fileLock = null;
        String readOnly = null;
        StorageProblem readOnlyProblem = null;
        try {
            lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // a card the kernel remounted read-only: still open, so the node can drain its backlog
            readOnly = "cannot create " + dir.resolve(LOCK_FILE) + ": " + e;
            readOnlyProblem = StorageProblem.of(e);
            Logger.warn("outbox {}: read-only, new messages cannot be held ({}); {}", dir, e.toString(),
                    readOnlyProblem.whatToDo());
        }
        if (lockChannel != null) {
            try {
                fileLock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                closeQuietly(lockChannel);
                throw new OutboxInUseException("outbox " + dir + " is already open in this process: two nodes with one "
                        + "data dir? give each node its own data.dir", e);
            } catch (IOException e) {
                closeQuietly(lockChannel);
                throw new IOException("cannot lock outbox " + dir + ": " + e, e);
            }
            if (fileLock == null) {
                closeQuietly(lockChannel);
                throw new OutboxInUseException("outbox " + dir + " is in use by another process: two nodes with one "
                        + "data dir? give each node its own data.dir, or stop the other one", null);
            }
        }
        SegmentLogOutbox outbox = new SegmentLogOutbox(dir, options, scheduler, lockChannel, fileLock, readOnly,
                readOnlyProblem);
        try {
            outbox.recover();
        } catch (IOException | RuntimeException e) {
            outbox.releaseEverything();
            if (e instanceof IOException) {
                throw new IOException("cannot open outbox " + dir + ": " + e, e);
            }
            throw e;
        }
        return outbox;
    }

    // ---- recovery ------------------------------------------------------------------------------

    private void recover() throws IOException {
        List<Long> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                long id = Segment.idOf(name);
                if (id >= 0) {
                    ids.add(id);
                } else if (name.endsWith(".tmp") && readOnly == null) {
                    // a rewrite or an acks update cut short: the original is still in place
                    Files.deleteIfExists(f);
                }
            }
        }
        ids.sort(null);
        AckState state = readAckState();
        List<Segment> dropped = new ArrayList<>(0);
        synchronized (lock) {
            watermarks.putAll(state.watermarks());
            droppedPending = state.droppedPending();
            droppedTotal = state.droppedTotal();
            for (int i = 0; i < ids.size(); i++) {
                long id = ids.get(i);
                nextSegmentId = Math.max(nextSegmentId, id + 1);
                try {
                    Segment s = recoverSegment(id, i == ids.size() - 1);
                    if (s != null) {
                        segments.add(s);
                        totalBytes += s.size;
                    }
                } catch (IOException e) {
                    Logger.error(e, "outbox {}: cannot read {}, leaving it alone: {}", dir, Segment.name(id), e.toString());
                }
            }
            Segment newest = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (newest != null && readOnly == null && !newest.damaged && newest.size < segmentBytes
                    && Files.isWritable(newest.path)) {
                newest.writable = true;
                active = newest;
            }
            // a smaller maxBytes than last time takes effect now rather than at the next append
            while (totalBytes > options.maxBytes() && segments.size() > 1) {
                dropped.add(dropOldest());
            }
            for (Segment s : segments) {
                releaseIfIdle(s);
            }
            Logger.info("outbox {}: opened, {} messages held ({} unacknowledged) in {} files, {} bytes",
                    dir, held(), unacknowledged(), segments.size(), totalBytes);
        }
        if (!dropped.isEmpty()) {
            persistState();
            deleteFiles(dropped);
        }
    }

    private AckState readAckState() {
        try {
            return AckState.read(dir);
        } catch (IOException e) {
            // losing the watermarks only means resending what the gateway already has
            Logger.warn("outbox {}: acknowledgement file unreadable ({}); unacknowledged messages will be "
                    + "resent and any untaken drop count is lost", dir, e.toString());
            Path file = dir.resolve(AckState.FILE);
            Path copy = readOnly == null ? copyAside(file) : null;
            noteDamage(new FileDamage(PART, file, e.getMessage(), copy == null ? file : copy,
                    "no acknowledgements: unacknowledged messages are sent again and the gateway drops the duplicates",
                    "nothing to do; if this recurs, the SD card may be failing"));
            return AckState.empty();
        }
    }

    /** Reads one segment file, repairing it if needed; null if nothing of it is worth keeping. */
    private Segment recoverSegment(long id, boolean newest) throws IOException {
        Segment s = new Segment(id, dir.resolve(Segment.name(id)));
        boolean canWrite = readOnly == null && Files.isWritable(s.path);
        try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.READ)) {
            long size = ch.size();
            s.size = size;
            reader.use(s, ch);
            SegmentScan scan = SegmentScan.of(reader, size, lastBoot, lastSeq, s);
            reader.forget();
            lastBoot = scan.lastBoot();
            lastSeq = scan.lastSeq();
            if (scan.clean()) {
                return s;
            }
            if (size < HEADER) {
                return recoverShortFile(s, ch, newest, canWrite);
            }
            if (scan.damagedOnlyAtEnd() && newest) {
                Logger.info("outbox {}: {} ends in a torn write (power loss while writing); cutting {} bytes",
                        dir, s, size - scan.firstBad());
                s.size = scan.firstBad();
                try {
                    if (canWrite) {
                        truncate(s.path, scan.firstBad());
                    }
                } catch (IOException e) {
                    // reads stop at the valid end anyway; only appending after the tear is unsafe
                    Logger.warn("outbox {}: cannot cut the torn write off {}: {}", dir, s, e.toString());
                    s.damaged = true;
                }
                return s;
            }
            Logger.warn("outbox {}: {} is damaged at byte {} of {}; keeping the {} records still readable",
                    dir, s, scan.firstBad(), size, s.count);
            String problem = "damaged at byte " + scan.firstBad() + " of " + size;
            Path copy = canWrite ? copyAside(s.path) : null;
            if (copy == null) {
                s.damaged = true;
                noteDamage(segmentDamage(s, problem, s.path, "; it cannot be copied aside, so it is read around the damage in place"));
                return s;
            }
            s.copiedAside = true;
            noteDamage(segmentDamage(s, problem, copy, ""));
            try {
                if (scan.damagedOnlyAtEnd()) {
                    truncate(s.path, scan.firstBad());
                } else {
                    rewrite(s, ch, scan.extents());
                }
                s.size = scan.repairedSize();
            } catch (IOException e) {
                Logger.error(e, "outbox {}: cannot repair {}: {}; reading around the damage", dir, s, e.toString());
                s.damaged = true;
            }
            if (s.count == 0 && !newest && !s.damaged) {
                Files.deleteIfExists(s.path);
                return null;
            }
            return s;
        }
    }

    private Segment recoverShortFile(Segment s, FileChannel ch, boolean newest, boolean canWrite) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) s.size);
        while (b.hasRemaining() && ch.read(b, b.position()) >= 0) {
            // read the few bytes there are
        }
        boolean headerPrefix = RecordCodec.header().limit((int) s.size).equals(b.flip());
        if (!canWrite) {
            s.damaged = !headerPrefix;
            return s;
        }
        if (!headerPrefix) {
            Logger.warn("outbox {}: {} is too short to be a segment ({} bytes)", dir, s, s.size);
            Path copy = copyAside(s.path);
            noteDamage(new FileDamage(PART, s.path, "too short to be a segment (" + s.size + " bytes)",
                    copy == null ? s.path : copy, "nothing of it: it cannot hold a whole message",
                    "nothing to do; if this recurs, the SD card may be failing"));
        }
        if (!newest) {
            Files.deleteIfExists(s.path);
            return null;
        }
        // the newest file was being created when the power went: start it again
        Logger.info("outbox {}: {} was cut short while being created; starting it again", dir, s);
        try (FileChannel w = FileChannel.open(s.path, StandardOpenOption.WRITE)) {
            w.truncate(0);
            ByteBuffer h = RecordCodec.header();
            while (h.hasRemaining()) {
                w.write(h, h.position());
            }
            w.force(false);
        }
        bytesWritten.addAndGet(HEADER);
        s.size = HEADER;
        return s;
    }

    private void truncate(Path file, long size) throws IOException {
        try (FileChannel w = FileChannel.open(file, StandardOpenOption.WRITE)) {
            w.truncate(size);
            w.force(false);
        }
    }

    /** Replaces the segment's file by its header and {@code extents}, atomically. */
    private void rewrite(Segment s, FileChannel in, List<long[]> extents) throws IOException {
        Path temp = dir.resolve(s.path.getFileName() + ".tmp");
        long written = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer h = RecordCodec.header();
            while (h.hasRemaining()) {
                written += out.write(h);
            }
            for (long[] e : extents) {
                for (long pos = e[0]; pos < e[1]; ) {
                    long n = in.transferTo(pos, e[1] - pos, out);
                    pos += n;
                    written += n;
                }
            }
            out.force(false);
        }
        Files.move(temp, s.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
        bytesWritten.addAndGet(written);
    }

    /** Copies a damaged file to {@code dir/corrupt/<name>.<n>}; the copy, or null if it failed. */
    private Path copyAside(Path file) {
        try {
            Path corrupt = Files.createDirectories(dir.resolve(CORRUPT_DIR));
            for (int n = 1; ; n++) {
                Path target = corrupt.resolve(file.getFileName() + "." + n);
                if (!Files.exists(target)) {
                    Files.copy(file, target);
                    bytesWritten.addAndGet(Files.size(target));
                    corruptMovedAside.incrementAndGet();
                    Logger.warn("outbox {}: copied damaged {} to {}", dir, file.getFileName(), target);
                    return target;
                }
            }
        } catch (IOException e) {
            Logger.error(e, "outbox {}: cannot copy damaged {} aside: {}", dir, file.getFileName(), e.toString());
            return null;
        }
    }

    private FileDamage segmentDamage(Segment s, String problem, Path aside, String how) {
        return new FileDamage(PART, s.path, problem, aside,
                String.format(Locale.ROOT, "the %,d readable messages of it%s", s.count, how),
                "nothing to do: the gateway counts the unreadable messages as lost; if this recurs, the SD card is "
                        + "failing: replace it");
    }

    /** Logs a damaged file with what to do, and keeps it for {@link #damage()}. */
    private void noteDamage(FileDamage d) {
        damage.add(d);
        Logger.error("outbox {}: {}", dir, d.logLine());
    }

    @Override
    public List<FileDamage> damage() {
        return List.copyOf(damage);
    }

    // ---- appending -----------------------------------------------------------------------------

    @Override
    public void append(OutboxMessage m) {
        ByteBuffer record = RecordCodec.encode(m);
        int length = record.remaining();
        List<Segment> dropped = new ArrayList<>(0);
        try {
            synchronized (lock) {
                if (closed) {
                    throw new OutboxException("outbox " + dir + " is closed: " + m + " not held");
                }
                if (readOnly != null) {
                    throw new OutboxException("outbox " + dir + " cannot be written (" + readOnly + "): " + m
                            + " not held", readOnlyProblem, null);
                }
                if (!RecordCodec.after(m.boot(), m.seq(), lastBoot, lastSeq)) {
                    throw new IllegalArgumentException("outbox " + dir + ": " + m + " does not come after boot "
                            + lastBoot + " seq " + lastSeq + "; boot must not decrease and seq must increase");
                }
                if (length + HEADER > options.maxBytes()) {
                    throw new IllegalArgumentException("outbox " + dir + ": " + m + " is larger than the store ("
                            + options.maxBytes() + " bytes)");
                }
                boolean rotate = active == null || (active.count > 0 && active.size + length > segmentBytes);
                long needed = length + (rotate ? HEADER : 0);
                while (totalBytes + needed > options.maxBytes() && !segments.isEmpty()
                        && (rotate || segments.get(0) != active)) {
                    dropped.add(dropOldest());
                }
                if (rotate) {
                    startSegment();
                }
                write(active, record, m);
            }
        } finally {
            if (!dropped.isEmpty()) {
                // the drop count reaches the disk before the messages leave it: a crash in between
                // over-reports a drop rather than losing one silently
                persistState();
                deleteFiles(dropped);
            }
        }
    }

    private void startSegment() {
        long id = nextSegmentId;
        Path path = dir.resolve(Segment.name(id));
        FileChannel ch = null;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ByteBuffer h = RecordCodec.header();
            while (h.hasRemaining()) {
                ch.write(h, h.position());
            }
        } catch (IOException e) {
            if (ch != null) {
                closeQuietly(ch);
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // recovery treats a header-less newest file as one cut short while being created
                }
            }
            throw new OutboxException("outbox " + dir + ": cannot create " + path.getFileName() + ": " + e,
                    StorageProblem.of(e), e);
        }
        nextSegmentId++;
        if (active != null) {
            active.writable = false;
        }
        Segment s = new Segment(id, path);
        s.writable = true;
        s.adoptChannel(ch, true);
        s.size = HEADER;
        s.dirty = true;
        segments.add(s);
        active = s;
        totalBytes += HEADER;
        directoryDirty = true;
        bytesWritten.addAndGet(HEADER);
        reclaim();
    }

    private void write(Segment s, ByteBuffer record, OutboxMessage m) {
        int length = record.remaining();
        try {
            FileChannel ch = s.channel();
            while (record.hasRemaining()) {
                ch.write(record, s.size + record.position());
            }
        } catch (IOException e) {
            undoPartialWrite(s);
            throw new OutboxException("outbox " + dir + ": cannot write " + m + " to " + s + ": " + e,
                    StorageProblem.of(e), e);
        }
        s.size += length;
        s.add(m.boot(), m.seq());
        s.dirty = true;
        totalBytes += length;
        lastBoot = m.boot();
        lastSeq = m.seq();
        lastAppended = m;
        bytesWritten.addAndGet(length);
        uncommitted++;
        armCommit();
    }

    /** Cuts off whatever part of a failed write reached the file, so the message is really not held. */
    private void undoPartialWrite(Segment s) {
        // an interrupted thread's I/O closes the channel; the truncate must not be interrupted too
        boolean interrupted = Thread.interrupted();
        try {
            s.channel().truncate(s.size);
        } catch (IOException e) {
            // leave the bytes and never append after them; the next open steps over them
            Logger.warn("outbox {}: cannot cut a failed write off {} ({}); starting a new file", dir, s, e.toString());
            s.writable = false;
            active = null;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Removes the oldest segment from the store (its file is deleted by the caller, after the state). */
    private Segment dropOldest() {
        Segment s = segments.remove(0);
        long lost = unacknowledgedIn(s);
        droppedPending += lost;
        droppedTotal += lost;
        totalBytes -= s.size;
        forget(s);
        stateDirty = true;
        Logger.warn("outbox {}: full ({} bytes); dropped the oldest file {} with {} unacknowledged messages ({}); "
                + "{} dropped in all", dir, options.maxBytes(), s, lost, describe(s), droppedTotal);
        return s;
    }

    private void forget(Segment s) {
        s.deleted = true;
        s.closeChannel();
        if (s == active) {
            active = null;
        }
        reader.forget(s);
    }

    private void deleteFiles(List<Segment> gone) {
        for (Segment s : gone) {
            try {
                Files.deleteIfExists(s.path);
            } catch (IOException e) {
                Logger.warn("outbox {}: cannot delete {}: {}", dir, s, e.toString());
            }
        }
    }

    /** Deletes sealed segments whose every message is acknowledged; the newest file always stays. */
    private void reclaim() {
        Iterator<Segment> it = segments.iterator();
        while (it.hasNext()) {
            Segment s = it.next();
            if (s == segments.get(segments.size() - 1)) {
                break;
            }
            if (!s.writable && fullyAcknowledged(s)) {
                it.remove();
                totalBytes -= s.size;
                forget(s);
                try {
                    Files.deleteIfExists(s.path);
                } catch (IOException e) {
                    Logger.warn("outbox {}: cannot delete acknowledged {}: {}", dir, s, e.toString());
                }
            }
        }
    }

    // ---- committing ----------------------------------------------------------------------------

    private void armCommit() {
        if (commitTimer == null) {
            commitTimer = schedule(options.commitInterval(), () -> {
                synchronized (lock) {
                    commitTimer = null;
                }
                commitNow();
            });
        }
        if (uncommitted >= options.commitBatch() && batchTrigger == null) {
            batchTrigger = schedule(Duration.ZERO, () -> {
                synchronized (lock) {
                    batchTrigger = null;
                }
                commitNow();
            });
        }
    }

    private void armStateTimer() {
        if (stateTimer == null && readOnly == null) {
            stateTimer = schedule(STATE_INTERVAL, () -> {
                synchronized (lock) {
                    stateTimer = null;
                }
                persistState();
            });
        }
    }

    private Scheduler.Task schedule(Duration delay, Runnable task) {
        if (schedulerRefused) {
            return () -> { };
        }
        try {
            return scheduler.schedule(delay, task);
        } catch (RuntimeException e) {
            // a scheduler closed before the outbox: close() still commits everything
            schedulerRefused = true;
            Logger.warn("outbox {}: scheduler refused a task ({}); committing only at close", dir, e.toString());
            return () -> { };
        }
    }

    @Override
    public void commit() {
        commitNow();
    }

    private void commitNow() {
        synchronized (commitLock) {
            List<Segment> toForce = new ArrayList<>(2);
            boolean syncDir;
            OutboxMessage newest;
            synchronized (lock) {
                if (released) {
                    return;
                }
                for (Segment s : segments) {
                    if (s.dirty) {
                        s.dirty = false;
                        s.forcing = true;
                        toForce.add(s);
                    }
                }
                syncDir = directoryDirty;
                directoryDirty = false;
                newest = uncommitted > 0 ? lastAppended : null;
                uncommitted = 0;
                if (toForce.isEmpty() && !syncDir) {
                    return;
                }
            }
            IOException failure = null;
            for (Segment s : toForce) {
                try {
                    FileChannel ch;
                    synchronized (lock) {
                        if (s.deleted) {
                            continue;
                        }
                        ch = s.channel();
                    }
                    ch.force(false);
                } catch (IOException e) {
                    synchronized (lock) {
                        if (!s.deleted) {
                            // ClosedChannelException after an interrupt included: the data is still to be forced
                            s.dirty = true;
                            failure = e;
                        }
                    }
                }
            }
            if (syncDir) {
                // the entry of a new segment must survive a power loss, or its messages vanish with it
                syncDirectory(dir);
            }
            synchronized (lock) {
                for (Segment s : toForce) {
                    s.forcing = false;
                    releaseIfIdle(s);
                }
                if (failure != null) {
                    uncommitted = Math.max(uncommitted, 1);
                    directoryDirty |= syncDir;
                    if (!closed) {
                        armCommit();
                    }
                }
            }
            if (failure != null) {
                Logger.error(failure, "outbox {}: fsync failed ({}); retrying", dir, failure.toString());
                return;
            }
            commits.incrementAndGet();
            if (newest != null) {
                for (Consumer<OutboxMessage> listener : listeners) {
                    try {
                        listener.accept(newest);
                    } catch (RuntimeException e) {
                        Logger.error(e, "outbox {}: commit listener failed: {}", dir, e.toString());
                    }
                }
            }
        }
    }

    @Override
    public void onCommit(Consumer<OutboxMessage> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Closes the channel of a sealed segment nobody is using, so a big store holds few descriptors. */
    private void releaseIfIdle(Segment s) {
        if (!s.writable && !s.dirty && !s.forcing && s.id != cursorId && s.hasOpenChannel()) {
            s.closeChannel();
            reader.forget(s);
        }
    }

    /** Best effort: makes created, renamed and deleted entries of {@code dir} durable (Linux). */
    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            Logger.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    // ---- acknowledgement state -----------------------------------------------------------------

    private void persistState() {
        synchronized (stateLock) {
            AckState snapshot;
            synchronized (lock) {
                if (released || readOnly != null || !stateDirty) {
                    return;
                }
                stateDirty = false;
                pruneWatermarks();
                snapshot = new AckState(droppedPending, droppedTotal, watermarks);
            }
            try {
                bytesWritten.addAndGet(snapshot.write(dir));
            } catch (IOException e) {
                synchronized (lock) {
                    stateDirty = true;
                }
                Logger.warn("outbox {}: cannot save acknowledgements ({}); after a restart some acknowledged "
                        + "messages may be sent again", dir, e.toString());
            }
        }
    }

    /** Keeps the watermarks of boots still held, and the newest: a node reboots many times a year. */
    private void pruneWatermarks() {
        if (watermarks.isEmpty()) {
            return;
        }
        long newest = watermarks.lastKey();
        watermarks.keySet().removeIf(boot -> boot != newest && !holds(boot));
    }

    private boolean holds(long boot) {
        for (Segment s : segments) {
            for (SeqRuns r : s.boots) {
                if (r.boot == boot) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- reading and acknowledging -------------------------------------------------------------

    @Override
    public List<OutboxMessage> nextBatch(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        synchronized (lock) {
            if (closed) {
                throw new OutboxException("outbox " + dir + " is closed");
            }
            List<OutboxMessage> batch = new ArrayList<>(Math.min(max, 256));
            try {
                while (batch.size() < max) {
                    Segment s = segmentFrom(cursorId);
                    if (s == null) {
                        break;
                    }
                    if (s.id != cursorId) {
                        cursorId = s.id;
                        cursorPos = HEADER;
                    }
                    boolean newest = s == segments.get(segments.size() - 1);
                    if (cursorPos >= s.size || fullyAcknowledged(s)) {
                        if (newest) {
                            cursorPos = Math.max(cursorPos, s.size);
                            break;
                        }
                        cursorId = s.id + 1;
                        cursorPos = HEADER;
                        releaseIfIdle(s);
                        continue;
                    }
                    reader.use(s, s.channel());
                    int n = reader.read(cursorPos, s.size);
                    if (n < 0) {
                        stepOverDamage(s);
                        continue;
                    }
                    long boot = reader.boot();
                    long seq = reader.seq();
                    cursorPos += n;
                    cursorBoot = boot;
                    cursorSeq = seq;
                    if (seq <= watermark(boot)) {
                        continue;
                    }
                    batch.add(reader.message());
                    handedBoot = boot;
                    handedSeq = seq;
                }
            } catch (IOException e) {
                if (batch.isEmpty()) {
                    throw new OutboxException("outbox " + dir + ": cannot read: " + e, e);
                }
                Logger.warn("outbox {}: read failed after {} messages: {}", dir, batch.size(), e.toString());
            }
            return batch;
        }
    }

    /** A record that fails its CRC after open: the card changed under us. Keep what can be read. */
    private void stepOverDamage(Segment s) throws IOException {
        if (!s.damaged) {
            Logger.error("outbox {}: damaged record in {} at byte {}; stepping over it", dir, s, cursorPos);
            s.damaged = true;
            Path copy = !s.copiedAside && readOnly == null ? copyAside(s.path) : null;
            if (copy != null) {
                s.copiedAside = true;
            }
            if (s == active) {
                s.writable = false;
                active = null;
            }
            // recount what is really held, so firstHeldSeq lets the gateway skip the lost seqs
            reader.use(s, s.channel());
            SegmentScan.of(reader, s.size, -1, -1, s);
            noteDamage(segmentDamage(s, "a record at byte " + cursorPos + " changed after it was written",
                    copy == null ? s.path : copy, ""));
        }
        long next = reader.resync(cursorPos + 1, s.size, cursorBoot, cursorSeq);
        cursorPos = next < 0 ? s.size : next;
    }

    private Segment segmentFrom(long id) {
        for (Segment s : segments) {
            if (s.id >= id) {
                return s;
            }
        }
        return null;
    }

    private long watermark(long boot) {
        return watermarks.getOrDefault(boot, -1L);
    }

    private boolean fullyAcknowledged(Segment s) {
        for (SeqRuns r : s.boots) {
            if (r.last() > watermark(r.boot)) {
                return false;
            }
        }
        return true;
    }

    private long unacknowledgedIn(Segment s) {
        long n = 0;
        for (SeqRuns r : s.boots) {
            n += r.countAbove(watermark(r.boot));
        }
        return n;
    }

    @Override
    public void acknowledge(long boot, long seq) {
        synchronized (lock) {
            if (closed || seq <= watermark(boot)) {
                return;
            }
            watermarks.put(boot, seq);
            stateDirty = true;
            armStateTimer();
            reclaim();
        }
    }

    @Override
    public void rewind() {
        synchronized (lock) {
            cursorId = 0;
            cursorPos = HEADER;
            cursorBoot = -1;
            cursorSeq = -1;
            handedBoot = -1;
            handedSeq = -1;
        }
    }

    @Override
    public long highestBoot() {
        synchronized (lock) {
            long acked = watermarks.isEmpty() ? 0 : watermarks.lastKey();
            return Math.max(Math.max(lastBoot, 0), acked);
        }
    }

    @Override
    public OptionalLong firstHeldSeq(long boot) {
        synchronized (lock) {
            long w = watermark(boot);
            for (Segment s : segments) {
                for (SeqRuns r : s.boots) {
                    if (r.boot == boot) {
                        long first = r.firstAbove(w);
                        if (first >= 0) {
                            return OptionalLong.of(first);
                        }
                    }
                }
            }
            return OptionalLong.empty();
        }
    }

    @Override
    public long takeDropped() {
        synchronized (lock) {
            long n = droppedPending;
            if (n > 0) {
                droppedPending = 0;
                stateDirty = true;
                armStateTimer();
            }
            return n;
        }
    }

    @Override
    public OutboxStats stats() {
        synchronized (lock) {
            long handedOut = 0;
            for (Segment s : segments) {
                for (SeqRuns r : s.boots) {
                    if (r.boot < handedBoot) {
                        handedOut += r.countAbove(watermark(r.boot));
                    } else if (r.boot == handedBoot) {
                        handedOut += r.countIn(watermark(r.boot), handedSeq);
                    }
                }
            }
            return new OutboxStats(held(), totalBytes, unacknowledged(), handedOut, droppedTotal, commits.get(),
                    bytesWritten.get(), corruptMovedAside.get());
        }
    }

    private long held() {
        long n = 0;
        for (Segment s : segments) {
            n += s.count;
        }
        return n;
    }

    private long unacknowledged() {
        long n = 0;
        for (Segment s : segments) {
            n += unacknowledgedIn(s);
        }
        return n;
    }

    private static String describe(Segment s) {
        StringBuilder b = new StringBuilder();
        for (SeqRuns r : s.boots) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append("boot ").append(r.boot).append(" up to seq ").append(r.last());
        }
        return b.length() == 0 ? "empty" : b.toString();
    }

    // ---- closing -------------------------------------------------------------------------------

    @Override
    public void close() {
        synchronized (commitLock) {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                for (Scheduler.Task t : new Scheduler.Task[] {commitTimer, batchTrigger, stateTimer}) {
                    if (t != null) {
                        t.cancel();
                    }
                }
            }
            commitNow();
        }
        synchronized (lock) {
            // close() always saves: the next run should not resend what was acknowledged
            stateDirty |= readOnly == null;
        }
        persistState();
        releaseEverything();
        Logger.debug("outbox {}: closed", dir);
    }

    private void releaseEverything() {
        synchronized (lock) {
            closed = true;
            released = true;
            for (Segment s : segments) {
                s.closeChannel();
            }
            reader.forget();
        }
        try {
            if (fileLock != null) {
                fileLock.release();
            }
        } catch (IOException | RuntimeException e) {
            Logger.debug("outbox {}: releasing the lock: {}", dir, e.toString());
        }
        if (lockChannel != null) {
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // only ever a lock or a failed new file: nothing to lose
        }
    }

    @Override
    public String toString() {
        return "Outbox[" + dir + "]";
    }
}
