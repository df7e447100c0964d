package io.waypoint.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Reads and validates records of one segment file through a window buffer, so that draining a
 * backlog is a few large sequential reads rather than one per record. Not thread-safe: the outbox
 * uses it under its lock.
 */
final class RecordReader {
    private final CRC32 crc = new CRC32();
    private ByteBuffer window;
    private FileChannel channel;
    private Object source;
    private long windowStart;
    private int windowLength;

    // the record found by the last successful read
    private int bodyOffset;
    private int bodyLength;
    private long boot;
    private long seq;
    private int topicLength;

    RecordReader(int capacity) {
        window = ByteBuffer.allocate(capacity);
    }

    /**
     * Reads from {@code ch} from now on; {@code source} identifies the file so that a window already
     * loaded from it is reused (bytes below a segment's size never change).
     */
    void use(Object source, FileChannel ch) {
        if (this.source != source || this.channel != ch) {
            this.source = source;
            this.channel = ch;
            windowLength = 0;
        }
    }

    /** Forgets the window if it came from {@code source} (its channel is being closed). */
    void forget(Object source) {
        if (this.source == source) {
            forget();
        }
    }

    /** Forgets the window (its file was changed or deleted). */
    void forget() {
        source = null;
        channel = null;
        windowLength = 0;
    }

    /** Whether the file starts with a valid segment header (within {@code limit} bytes). */
    boolean header(long limit) throws IOException {
        return load(0, RecordCodec.HEADER, limit) && RecordCodec.isHeader(window, offset(0));
    }

    /**
     * Validates the record starting at {@code pos}, not reading at or beyond {@code limit}.
     *
     * @return the record's length in the file, or -1 if no valid record starts there
     */
    int read(long pos, long limit) throws IOException {
        int head = RecordCodec.FRAME + RecordCodec.FIXED_BODY;
        if (limit - pos < RecordCodec.FRAME + RecordCodec.MIN_BODY || !load(pos, head, limit)) {
            return -1;
        }
        int off = offset(pos);
        if (window.getShort(off) != RecordCodec.SYNC) {
            return -1;
        }
        int len = window.getInt(off + 2);
        if (len < RecordCodec.MIN_BODY || len > RecordCodec.MAX_BODY || pos + RecordCodec.FRAME + len > limit) {
            return -1;
        }
        int body = off + RecordCodec.FRAME;
        long b = window.getLong(body);
        long s = window.getLong(body + 8);
        int t = window.getShort(body + 16) & 0xFFFF;
        // cheap checks first: only a plausible record is worth loading and CRC-ing whole
        if (b < 0 || s < 0 || t < 1 || RecordCodec.FIXED_BODY + t > len
                || !load(pos, RecordCodec.FRAME + len, limit)) {
            return -1;
        }
        off = offset(pos);
        if (RecordCodec.crc(crc, window.array(), off, len) != window.getInt(off + 6)) {
            return -1;
        }
        bodyOffset = off + RecordCodec.FRAME;
        bodyLength = len;
        boot = b;
        seq = s;
        topicLength = t;
        return RecordCodec.FRAME + len;
    }

    /**
     * The first position in [{@code from}, {@code limit}) where a valid record comes after
     * ({@code afterBoot}, {@code afterSeq}), or -1. Used to step over damage: every byte position is a
     * candidate, most are rejected by their length field alone.
     */
    long resync(long from, long limit, long afterBoot, long afterSeq) throws IOException {
        for (long p = from; p + RecordCodec.FRAME + RecordCodec.MIN_BODY <= limit; p++) {
            if (read(p, limit) > 0 && RecordCodec.after(boot, seq, afterBoot, afterSeq)) {
                return p;
            }
        }
        return -1;
    }

    long boot() {
        return boot;
    }

    long seq() {
        return seq;
    }

    /** The record found by the last successful {@link #read}. */
    OutboxMessage message() {
        byte[] a = window.array();
        String topic = new String(a, bodyOffset + RecordCodec.FIXED_BODY, topicLength, StandardCharsets.UTF_8);
        int payloadStart = bodyOffset + RecordCodec.FIXED_BODY + topicLength;
        byte[] payload = Arrays.copyOfRange(a, payloadStart, bodyOffset + bodyLength);
        return new OutboxMessage(boot, seq, topic, payload);
    }

    private int offset(long pos) {
        return (int) (pos - windowStart);
    }

    /** Makes [pos, pos + n) available in the window; false if the file ends (or limit comes) first. */
    private boolean load(long pos, int n, long limit) throws IOException {
        if (pos >= windowStart && pos + n <= windowStart + windowLength) {
            return true;
        }
        if (pos + n > limit) {
            return false;
        }
        if (n > window.capacity()) {
            window = ByteBuffer.allocate(Math.min(Math.max(n, window.capacity() * 2),
                    RecordCodec.FRAME + RecordCodec.MAX_BODY));
        }
        window.clear();
        window.limit((int) Math.min(window.capacity(), limit - pos));
        windowStart = pos;
        windowLength = 0;
        while (window.hasRemaining()) {
            int r = channel.read(window, pos + window.position());
            if (r < 0) {
                break;
            }
        }
        windowLength = window.position();
        return windowLength >= n;
    }
}
