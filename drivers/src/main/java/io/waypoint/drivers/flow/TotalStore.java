package io.waypoint.drivers.flow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import org.tinylog.Logger;

/**
 * A flow meter's total litres on disk, made to survive SIGKILL and power cuts on an SD card.
 *
 * <p>The file is preallocated once (4 KiB: 128 slots of 32 bytes) and never changes size. Each save
 * writes the next slot in turn, in place, with a sequence number and a CRC-32, then
 * {@code force(false)} (fdatasync): one small data write, no metadata change, no rename, no journal
 * churn, so a save costs the card a single page write. A save cut short by a power loss damages at
 * most the slot being written; its CRC fails and the previous slot, untouched, is used. Loading
 * takes the valid slot with the highest sequence number.
 *
 * <p>Why not rewrite a small file atomically (write, fsync, rename): that is a new inode, a
 * directory update and two journal commits per save. Why not append to a log: the file grows and
 * each fsync also commits the new size. Not thread-safe: one writer.
 */
final class TotalStore implements AutoCloseable {
    static final int SLOT = 32;
    static final int SLOTS = 128;
    static final int SIZE = SLOT * SLOTS;
    private static final int MAGIC = 0x57505431; // "WPT1"

    private final Path file;
    /** Null when the card cannot be written: saves fail, the total lives in memory. */
    private final FileChannel channel;
    private final TotalDamage damage;
    private final String unwritable;
    private long seq;
    private double total;

    private final boolean created;

    private TotalStore(Path file, FileChannel channel, boolean created, long seq, double total, TotalDamage damage,
                       String unwritable) {
        this.file = file;
        this.channel = channel;
        this.created = created;
        this.seq = seq;
        this.total = total;
        this.damage = damage;
        this.unwritable = unwritable;
    }

    /**
     * Opens {@code file}, creating it (total 0 L) if it does not exist. Never refuses a damaged file
     * (a node that cannot start is a well without its "do not drink" light): a file of the wrong size
     * or with no readable record is copied aside as {@code NAME.corrupt-<its last-modified time>}, then
     * replaced by a good file holding the newest total still readable (0 L if none), see
     * {@link #damage()}. Copy first, then replace atomically: a power cut in between leaves either the
     * damaged file (handled again at the next open) or the good one, never no file (which would
     * silently start from 0 L). A card that cannot be written gives a store whose saves fail, see
     * {@link #unwritable()}; counting goes on in memory.
     *
     * @throws IOException naming the file if it exists but cannot be read at all
     */
    static TotalStore open(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean fresh = !Files.exists(file);
        if (fresh) {
            try {
                Files.createDirectories(dir);
                writeFresh(file, 0, 0);
            } catch (IOException e) {
                Logger.error("flow total {} cannot be created ({}): counting from 0 L in memory only; check that the SD card"
                        + " is not full or read-only", file, e.getMessage());
                return new TotalStore(file, null, true, 0, 0, null, "cannot be created: " + e.getMessage());
            }
        }
        ByteBuffer all = ByteBuffer.allocate(SIZE);
        long size;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            while (all.hasRemaining() && ch.read(all, all.position()) >= 0) {
                // read up to one file's worth: a longer file is damaged anyway
            }
        } catch (IOException e) {
            throw new IOException("flow total file " + file + " cannot be read (" + e.getMessage() + "): check the SD card,"
                    + " or move the file away to restart the total at 0 L", e);
        }
        Slots slots = Slots.of(all.array(), all.position());
        String problem = null;
        if (size != SIZE) {
            problem = "is " + size + " bytes, expected " + SIZE;
        } else if (slots.anyData() && slots.bestSeq() == 0) {
            problem = "has no readable record";
        }
        if (problem != null) {
            return replaceDamaged(file, problem, slots);
        }
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new TotalStore(file, ch, fresh, slots.bestSeq(), slots.bestTotal(), null, null);
        } catch (IOException e) {
            Logger.error("flow total {} cannot be written ({}): the total goes on from {} L in memory only; check that the SD"
                    + " card is not full or read-only", file, e.getMessage(), slots.bestTotal());
            return new TotalStore(file, null, fresh, slots.bestSeq(), slots.bestTotal(), null, "cannot be written: " + e.getMessage());
        }
    }

    /** The valid slots of the first {@code length} bytes: the newest one, and whether any byte was written. */
    private record Slots(long bestSeq, double bestTotal, boolean anyData) {
        static Slots of(byte[] bytes, int length) {
            long bestSeq = 0;
            double bestTotal = 0;
            boolean anyData = false;
            for (int i = 0; i < length && !anyData; i++) {
                anyData = bytes[i] != 0;
            }
            for (int s = 0; (s + 1) * SLOT <= length; s++) {
                ByteBuffer slot = ByteBuffer.wrap(bytes, s * SLOT, SLOT).slice();
                if (slot.getInt(0) != MAGIC || crc(slot) != slot.getInt(20)) {
                    continue;
                }
                long sq = slot.getLong(4);
                double litres = Double.longBitsToDouble(slot.getLong(12));
                if (sq > bestSeq && Double.isFinite(litres) && litres >= 0) {
                    bestSeq = sq;
                    bestTotal = litres;
                }
            }
            return new Slots(bestSeq, bestTotal, anyData);
        }
    }

    private static TotalStore replaceDamaged(Path file, String problem, Slots slots) {
        boolean any = slots.bestSeq() > 0;
        Path aside = null;
        FileChannel ch = null;
        String unwritable = null;
        try {
            aside = copyAside(file);
            writeFresh(file, slots.bestSeq(), slots.bestTotal());
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            unwritable = "damaged and cannot be replaced: " + e.getMessage();
        }
        TotalDamage damage = new TotalDamage(file, problem, java.util.Optional.ofNullable(aside), slots.bestTotal(), any);
        String where = aside != null ? "copied it to " + aside
                : "it cannot be copied aside (" + unwritable + "), so it stays in place and the total lives in memory only";
        String from = any ? slots.bestTotal() + " L, its newest readable record" : "0 L: nothing in it could be read";
        String todo = any ? "nothing to do unless this recurs (then the SD card may be failing)"
                : "the gateway's last total_litres of this well tells how much was lost; check the SD card";
        Logger.error("flow total file {} {}; {}; going on from {}; {}", file, problem, where, from, todo);
        return new TotalStore(file, ch, false, slots.bestSeq(), slots.bestTotal(), damage, unwritable);
    }

    /** The damaged copy's suffix: the file's own last-modified time (no clock needed; a board may think it is 1970). */
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Copies {@code file} to {@code NAME.corrupt-<mtime>[-n]}, never over an earlier copy, and makes the copy durable. */
    private static Path copyAside(Path file) throws IOException {
        String stem = file.getFileName() + ".corrupt-" + ASIDE_TIME.format(Files.getLastModifiedTime(file).toInstant());
        Path aside = file.resolveSibling(stem);
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = file.resolveSibling(stem + "-" + n);
        }
        Files.copy(file, aside, StandardCopyOption.COPY_ATTRIBUTES);
        try (FileChannel c = FileChannel.open(aside, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        syncDirectory(aside.toAbsolutePath().getParent());
        return aside;
    }

    /** Atomically replaces {@code file} by a preallocated one whose first slot holds {@code litres} (none if seq is 0). */
    private static void writeFresh(Path file, long seq, double litres) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        ByteBuffer content = ByteBuffer.allocate(SIZE);
        if (seq > 0) {
            content.put((int) ((seq % SLOTS) * SLOT), slotBytes(seq, litres), 0, SLOT);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (content.hasRemaining()) {
                ch.write(content, content.position());
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // a file system that cannot fsync a directory: the file is still written
        }
    }

    /** Whether this open created the file (a total starting at 0 L). */
    boolean created() {
        return created;
    }

    /** The damage found at open, if the file was damaged. */
    Optional<TotalDamage> damage() {
        return Optional.ofNullable(damage);
    }

    /** Why saves fail (the card cannot be written), if they do. */
    Optional<String> unwritable() {
        return Optional.ofNullable(unwritable);
    }

    /** The total of the last save (0 for a new file). */
    double total() {
        return total;
    }

    Path file() {
        return file;
    }

    /** Makes {@code litres} the stored total, durably, before returning. */
    void save(double litres) throws IOException {
        if (channel == null) {
            throw new IOException("flow total file " + file + " " + unwritable);
        }
        long next = seq + 1;
        ByteBuffer slot = slotBytes(next, litres);
        long position = (next % SLOTS) * SLOT;
        while (slot.hasRemaining()) {
            channel.write(slot, position + slot.position());
        }
        channel.force(false);
        seq = next;
        total = litres;
    }

    private static ByteBuffer slotBytes(long seq, double litres) {
        ByteBuffer slot = ByteBuffer.allocate(SLOT);
        slot.putInt(0, MAGIC);
        slot.putLong(4, seq);
        slot.putLong(12, Double.doubleToRawLongBits(litres));
        slot.putInt(20, crc(slot));
        return slot;
    }

    private static int crc(ByteBuffer slot) {
        CRC32 crc = new CRC32();
        crc.update(slot.duplicate().position(0).limit(20));
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
