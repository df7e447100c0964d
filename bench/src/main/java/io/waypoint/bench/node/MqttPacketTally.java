package io.waypoint.bench.node;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Counts the bytes of each kind of MQTT 3.1.1 control packet in one direction of a TCP stream, fed
 * in whatever chunks the network delivers (a packet may span chunks, a chunk hold many packets).
 * What a packet costs on the wire is its fixed header, its remaining-length bytes and its body; TCP
 * and IP headers are not counted. Thread-safe.
 */
final class MqttPacketTally {
    static final int CONNECT = 1;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int PINGREQ = 12;
    static final int PINGRESP = 13;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final long[] bytes = new long[16];
    private final long[] packets = new long[16];
    private int keepAliveSeconds = -1;
    private boolean broken;

    /** Bytes and packets of each type (index = MQTT packet type, 1..14) at one moment. */
    record Counts(long[] bytes, long[] packets) {
        Counts {
            bytes = bytes.clone();
            packets = packets.clone();
        }

        /** Bytes of every type but {@code excluded}. */
        long bytesExcept(int... excluded) {
            long sum = 0;
            for (int t = 0; t < 16; t++) {
                final int type = t;
                if (Arrays.stream(excluded).noneMatch(x -> x == type)) {
                    sum += bytes[t];
                }
            }
            return sum;
        }

        /** What happened between {@code earlier} and this. */
        Counts minus(Counts earlier) {
            long[] b = new long[16];
            long[] p = new long[16];
            for (int t = 0; t < 16; t++) {
                b[t] = bytes[t] - earlier.bytes[t];
                p[t] = packets[t] - earlier.packets[t];
            }
            return new Counts(b, p);
        }

        Counts plus(Counts other) {
            long[] b = new long[16];
            long[] p = new long[16];
            for (int t = 0; t < 16; t++) {
                b[t] = bytes[t] + other.bytes[t];
                p[t] = packets[t] + other.packets[t];
            }
            return new Counts(b, p);
        }
    }

    /** Takes the next bytes of the stream. */
    synchronized void feed(byte[] buf, int off, int len) {
        if (broken) {
            return;
        }
        pending.write(buf, off, len);
        byte[] all = pending.toByteArray();
        int at = 0;
        while (true) {
            int used = packetAt(all, at);
            if (used <= 0) {
                break;
            }
            at += used;
        }
        if (broken) {
            pending.reset();
            return;
        }
        pending.reset();
        pending.write(all, at, all.length - at);
    }

    /** The keep-alive the client asked for in its CONNECT, or -1 before one was seen. */
    synchronized int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    synchronized Counts counts() {
        return new Counts(bytes, packets);
    }

    /** Counts the packet at {@code at} if it is whole; returns its length, or 0 if more bytes are needed. */
    private int packetAt(byte[] a, int at) {
        if (at >= a.length) {
            return 0;
        }
        int type = (a[at] & 0xFF) >>> 4;
        int remaining = 0;
        int multiplier = 1;
        int i = at + 1;
        for (int n = 0; ; n++) {
            if (i >= a.length) {
                return 0;
            }
            if (n == 4) {
                broken = true; // not MQTT: a remaining length has at most 4 bytes
                return 0;
            }
            int b = a[i++] & 0xFF;
            remaining += (b & 0x7F) * multiplier;
            multiplier *= 128;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (i + remaining > a.length) {
            return 0;
        }
        if (type == CONNECT && remaining >= 10) {
            // variable header: protocol name (2 + 4 bytes "MQTT"), level, flags, keep-alive (2 bytes)
            keepAliveSeconds = ((a[i + 8] & 0xFF) << 8) | (a[i + 9] & 0xFF);
        }
        int length = i + remaining - at;
        bytes[type] += length;
        packets[type]++;
        return length;
    }
}
