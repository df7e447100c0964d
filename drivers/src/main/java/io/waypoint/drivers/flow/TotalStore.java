package io.waypoint.drivers.flow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

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
    private final FileChannel channel;
    private final boolean created;
    private long seq;
    private double total;

    private TotalStore(Path file, FileChannel channel, boolean created, long seq, double total) {
        this.file = file;
        this.channel = channel;
        this.created = created;
        this.seq = seq;
        this.total = total;
    }

    /**
     * Opens {@code file}, creating it (total 0 L) if it does not exist.
     *
     * @throws IOException naming the file and what to do if it cannot be used
     */
    static TotalStore open(Path file) throws IOException {
        boolean fresh = !Files.exists(file);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (fresh) {
                ByteBuffer zeros = ByteBuffer.allocate(SIZE);
                while (zeros.hasRemaining()) {
                    ch.write(zeros, zeros.position());
                }
                ch.force(true);
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                } catch (IOException e) {
                    // a file system that cannot fsync a directory: the file is still written
                }
            }
            if (ch.size() != SIZE) {
                throw new IOException("flow total file " + file + " is " + ch.size() + " bytes, expected " + SIZE
                        + ": it is not a waypoint flow total; restore it from a backup, or move it away to restart"
                        + " the total at 0 L");
            }
            ByteBuffer all = ByteBuffer.allocate(SIZE);
            while (all.hasRemaining() && ch.read(all, all.position()) >= 0) {
                // read the whole file
            }
            long bestSeq = 0;
            double bestTotal = 0;
            boolean anyData = false;
            for (int s = 0; s < SLOTS; s++) {
                ByteBuffer slot = ByteBuffer.wrap(all.array(), s * SLOT, SLOT).slice();
                for (int i = 0; i < SLOT && !anyData; i++) {
                    anyData = slot.get(i) != 0;
                }
                if (slot.getInt(0) != MAGIC || crc(slot) != slot.getInt(20)) {
                    continue;
                }
                long sq = slot.getLong(4);
                if (sq > bestSeq) {
                    bestSeq = sq;
                    bestTotal = Double.longBitsToDouble(slot.getLong(12));
                }
            }
            if (anyData && bestSeq == 0) {
                throw new IOException("flow total file " + file + " has no readable record: restore it from a"
                        + " backup, or move it away to restart the total at 0 L");
            }
            return new TotalStore(file, ch, fresh, bestSeq, bestTotal);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Whether this open created the file (a total starting at 0 L). */
    boolean created() {
        return created;
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
        long next = seq + 1;
        ByteBuffer slot = ByteBuffer.allocate(SLOT);
        slot.putInt(0, MAGIC);
        slot.putLong(4, next);
        slot.putLong(12, Double.doubleToRawLongBits(litres));
        slot.putInt(20, crc(slot));
        long position = (next % SLOTS) * SLOT;
        while (slot.hasRemaining()) {
            channel.write(slot, position + slot.position());
        }
        channel.force(false);
        seq = next;
        total = litres;
    }

    private static int crc(ByteBuffer slot) {
        CRC32 crc = new CRC32();
        crc.update(slot.duplicate().position(0).limit(20));
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
