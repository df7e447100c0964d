package io.waypoint.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * What the outbox must remember besides the messages: the gateway's watermark per boot and the drop
 * counts. Kept in one small file, {@code dir/acks}, replaced atomically (temp file, fsync, rename,
 * directory fsync) so a reader sees either the old or the new state, never half of one.
 *
 * <pre>
 * acks = magic:int32 "WPAK", version:int32 1, droppedPending:int64, droppedTotal:int64,
 *        n:int32, (boot:int64, seq:int64) * n, crc32:int32 over everything before it
 * </pre>
 *
 * @param droppedPending dropped messages not yet taken by {@code takeDropped}
 * @param droppedTotal   dropped messages over the store's life
 * @param watermarks     boot to highest acknowledged seq
 */
record AckState(long droppedPending, long droppedTotal, SortedMap<Long, Long> watermarks) {
    static final String FILE = "acks";
    private static final String TEMP = "acks.tmp";
    private static final int MAGIC = 0x5750414B;
    private static final int VERSION = 1;
    private static final int MAX_BOOTS = 1 << 20;

    AckState {
        watermarks = Collections.unmodifiableSortedMap(new TreeMap<>(watermarks));
    }

    static AckState empty() {
        return new AckState(0, 0, new TreeMap<>());
    }

    /**
     * Reads {@code dir/acks}; empty if there is none.
     *
     * @throws IOException if the file exists but is damaged or unreadable
     */
    static AckState read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return empty();
        }
        byte[] a = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(a);
        if (a.length < 32 || b.getInt(0) != MAGIC || b.getInt(4) != VERSION) {
            throw new IOException("not an outbox acknowledgement file (" + a.length + " bytes)");
        }
        int n = b.getInt(24);
        if (n < 0 || n > MAX_BOOTS || a.length != 32 + 16 * n) {
            throw new IOException("acknowledgement file has a bad length");
        }
        CRC32 crc = new CRC32();
        crc.update(a, 0, a.length - 4);
        if ((int) crc.getValue() != b.getInt(a.length - 4)) {
            throw new IOException("acknowledgement file fails its CRC");
        }
        TreeMap<Long, Long> w = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            w.put(b.getLong(28 + 16 * i), b.getLong(36 + 16 * i));
        }
        return new AckState(b.getLong(8), b.getLong(16), w);
    }

    /** Replaces {@code dir/acks} with this state; returns the bytes written. */
    long write(Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32 + 16 * watermarks.size());
        b.putInt(MAGIC).putInt(VERSION).putLong(droppedPending).putLong(droppedTotal).putInt(watermarks.size());
        for (Map.Entry<Long, Long> e : watermarks.entrySet()) {
            b.putLong(e.getKey()).putLong(e.getValue());
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        b.flip();
        int size = b.remaining();
        Path temp = dir.resolve(TEMP);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        }
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SegmentLogOutbox.syncDirectory(dir);
        return size;
    }
}
