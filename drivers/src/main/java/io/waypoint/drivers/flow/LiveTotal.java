package io.waypoint.drivers.flow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import org.tinylog.Logger;

/**
 * The flow total as of the last pulse counted, beside the {@link TotalStore}: written in place at
 * every pulse through a shared memory mapping, with no system call and no fsync, so it is in the
 * page cache the moment the pulse is counted. A process that dies (SIGKILL, the OOM killer, a JVM
 * crash, a watchdog) therefore loses no pulse it had counted, however often it dies; the kernel
 * writes the page back to the card in its own time (about every 30 s while water flows: one page
 * write, far fewer than the saves), and a power cut falls back to the last save of the
 * {@link TotalStore}, less than a litre behind.
 *
 * <p>The file is 64 bytes: two 32-byte slots, written alternately, each with a magic, a sequence
 * number, the total and a CRC-32 (the {@link TotalStore}'s slot layout). A slot half written when
 * the power went fails its CRC and the other one is used. A file of another size, or with no valid
 * slot, is not an error: it is only ever ahead of the store, never needed, so it is started afresh.
 * A card that cannot be written (remounted read-only, full) is not fatal either: what the file holds
 * is read and the live total goes on in memory, as the store does.
 *
 * <p>Not thread-safe: the meter writes it under its own lock.
 */
final class LiveTotal {
    static final int SIZE = 2 * TotalStore.SLOT;
    private static final int MAGIC = 0x57504C31; // "WPL1"

    private final Path file;
    private final ByteBuffer slots;
    private final CRC32 crc = new CRC32();
    private long seq;
    private double total;

    private LiveTotal(Path file, ByteBuffer slots, long seq, double total) {
        this.file = file;
        this.slots = slots;
        this.seq = seq;
        this.total = total;
    }

    /** The live file that goes with the total saved in {@code totalFile}. */
    static Path beside(Path totalFile) {
        return totalFile.resolveSibling(totalFile.getFileName() + ".live");
    }

    /**
     * Opens (creating it if need be) the live total in {@code file}; {@code fresh}: the store beside
     * it was just created, so whatever an old live file says belongs to a total that is gone.
     */
    static LiveTotal open(Path file, boolean fresh) throws IOException {
        boolean usable = Files.exists(file) && Files.size(file) == SIZE && !fresh;
        if (Files.exists(file) && !usable && !fresh) {
            Logger.warn("flow total: {} is {} bytes, not {}: not a live total; starting it afresh from the saved total", file,
                    Files.size(file), SIZE);
        }
        ByteBuffer slots;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (!usable) {
                ch.truncate(0);
                ch.write(ByteBuffer.allocate(SIZE), 0);
            }
            slots = ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE); // outlives the channel
        } catch (IOException e) {
            // read-only or full: what the file says still counts (it may be ahead of the saved total)
            slots = ByteBuffer.allocate(SIZE);
            if (usable) {
                slots.put(0, Files.readAllBytes(file));
            }
            Logger.error("flow total: {} cannot be written ({}): counting on in memory only, so pulses since the last save are"
                    + " lost if the node dies; check that the SD card is not full or read-only (dmesg, mount)", file, e.getMessage());
        }
        long bestSeq = 0;
        double bestTotal = 0;
        for (int s = 0; s < 2; s++) {
            int at = s * TotalStore.SLOT;
            if (slots.getInt(at) == MAGIC && crcOf(new CRC32(), slots, at) == slots.getInt(at + 20)
                    && slots.getLong(at + 4) > bestSeq) {
                bestSeq = slots.getLong(at + 4);
                bestTotal = Double.longBitsToDouble(slots.getLong(at + 12));
            }
        }
        return new LiveTotal(file, slots, bestSeq, bestTotal);
    }

    /** The total of the last pulse noted (0 for a new file). */
    double total() {
        return total;
    }

    Path file() {
        return file;
    }

    /** Notes {@code litres} as the total now: in the page cache on return, on the card when the kernel writes it back. */
    void note(double litres) {
        long next = seq + 1;
        int at = (int) (next % 2) * TotalStore.SLOT;
        slots.putInt(at, MAGIC);
        slots.putLong(at + 4, next);
        slots.putLong(at + 12, Double.doubleToRawLongBits(litres));
        slots.putInt(at + 20, crcOf(crc, slots, at));
        seq = next;
        total = litres;
    }

    private static int crcOf(CRC32 crc, ByteBuffer slots, int at) {
        crc.reset();
        crc.update(slots.slice(at, 20));
        return (int) crc.getValue();
    }
}
