package io.waypoint.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The bytes of the segment files.
 *
 * <pre>
 * segment  = header record*
 * header   = magic:int32 "WPOB", version:int32 1                              (8 bytes)
 * record   = sync:uint16 0xF7B0, length:int32, crc:int32, body[length]        (big-endian)
 * body     = boot:int64, seq:int64, topicLength:uint16, topic:UTF-8, payload:bytes
 * crc      = CRC32 over the length field and the body
 * </pre>
 *
 * A record costs 28 bytes plus its topic. The sync mark is there for recovery, which steps over
 * damage by trying every byte position: 0xF7 never occurs in UTF-8 (our payloads are JSON) nor in
 * the zeros a power cut leaves, so almost every position is rejected by two bytes rather than by a
 * CRC over a body of random length. The length is inside the CRC so that a flipped length bit cannot
 * make a wrong slice look valid; the payload's length is what remains of the body.
 */
final class RecordCodec {
    static final int MAGIC = 0x57504F42;
    static final int VERSION = 1;
    static final int HEADER = 8;
    static final short SYNC = (short) 0xF7B0;
    static final int FRAME = 10;
    static final int FIXED_BODY = 18;
    static final int MIN_BODY = FIXED_BODY + 1;
    /**
     * Larger bodies are refused: MQTT messages of a node are a few hundred bytes, and the bound keeps
     * a garbage length from making recovery read and CRC megabytes.
     */
    static final int MAX_BODY = 1024 * 1024;
    static final int MAX_TOPIC = 0xFFFF;

    private RecordCodec() {
    }

    static ByteBuffer header() {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        b.putInt(MAGIC).putInt(VERSION).flip();
        return b;
    }

    static boolean isHeader(ByteBuffer b, int offset) {
        return b.getInt(offset) == MAGIC && b.getInt(offset + 4) == VERSION;
    }

    /** The whole record of {@code m}, ready to write. */
    static ByteBuffer encode(OutboxMessage m) {
        byte[] topic = m.topic().getBytes(StandardCharsets.UTF_8);
        if (topic.length > MAX_TOPIC) {
            throw new IllegalArgumentException("topic longer than " + MAX_TOPIC + " bytes: " + topic.length);
        }
        long body = (long) FIXED_BODY + topic.length + m.payload().length;
        if (body > MAX_BODY) {
            throw new IllegalArgumentException("message too large for the outbox: " + m + " (limit "
                    + MAX_BODY + " bytes)");
        }
        byte[] rec = new byte[FRAME + (int) body];
        ByteBuffer b = ByteBuffer.wrap(rec);
        b.putShort(SYNC).putInt((int) body).putInt(0).putLong(m.boot()).putLong(m.seq()).putShort((short) topic.length)
                .put(topic).put(m.payload());
        b.putInt(6, crc(new CRC32(), rec, 0, (int) body));
        b.flip();
        return b;
    }

    /** Whether (boot, seq) comes after (prevBoot, prevSeq): the order every store keeps. */
    static boolean after(long boot, long seq, long prevBoot, long prevSeq) {
        return boot > prevBoot || (boot == prevBoot && seq > prevSeq);
    }

    /** The CRC of the record that starts at {@code offset} in {@code a}. */
    static int crc(CRC32 crc, byte[] a, int offset, int bodyLength) {
        crc.reset();
        crc.update(a, offset + 2, 4);
        crc.update(a, offset + FRAME, bodyLength);
        return (int) crc.getValue();
    }
}
