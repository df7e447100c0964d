package io.waypoint.uplink;

import java.io.ByteArrayOutputStream;
import io.waypoint.text.SymbolTable;
import java.nio.charset.StandardCharsets;

/**
 * The MQTT 3.1.1 packets {@link DirectUplink} sends, encoded, and the fixed header of what it reads,
 * decoded (OASIS MQTT 3.1.1, section 2 and 3). Pure: bytes in, bytes out, nothing of sockets or threads.
 * {@link #connect} and {@link #publish} are public for the benchmark's load generator, which writes
 * packets encoded before its clock starts; everything else stays the uplink's.
 */
public final class MqttPackets {
    static final int CONNECT = 1;
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int SUBSCRIBE = 8;
    static final int SUBACK = 9;
    static final int PINGREQ = 12;
    static final int PINGRESP = 13;
    static final int DISCONNECT = 14;

    /** The largest remaining length four bytes can carry (section 2.2.3). */
    static final int MAX_REMAINING = 268_435_455;

    static final byte[] PINGREQ_PACKET = {(byte) 0xC0, 0};
    static final byte[] DISCONNECT_PACKET = {(byte) 0xE0, 0};

    private MqttPackets() {
    }

    /** CONNECT (section 3.1): protocol level 4, the session, keep-alive, will and login as the options say. */
    public static byte[] connect(UplinkOptions o) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64);
        string(body, "MQTT");
        body.write(4);
        int flags = o.cleanSession() ? 0x02 : 0;
        if (o.will() != null) {
            flags |= 0x04 | (o.will().qos() << 3) | (o.will().retained() ? 0x20 : 0);
        }
        if (o.password() != null) {
            flags |= 0x40;
        }
        if (o.username() != null) {
            flags |= 0x80;
        }
        body.write(flags);
        int keepAlive = (int) Math.min(65_535, Math.max(0, o.keepAlive().toSeconds()));
        body.write(keepAlive >> 8);
        body.write(keepAlive & 0xFF);
        string(body, o.clientId());
        if (o.will() != null) {
            string(body, o.will().topic());
            binary(body, o.will().payload());
        }
        if (o.username() != null) {
            string(body, o.username());
        }
        if (o.password() != null) {
            binary(body, new String(o.password()).getBytes(StandardCharsets.UTF_8));
        }
        return packet(CONNECT << 4, body.toByteArray());
    }

    /** SUBSCRIBE (section 3.8) of one filter at QoS 1. */
    static byte[] subscribe(int packetId, String filter) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(filter.length() + 8);
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        string(body, filter);
        body.write(1);
        return packet((SUBSCRIBE << 4) | 0x02, body.toByteArray());
    }

    /** PUBLISH (section 3.3); {@code packetId} is ignored at QoS 0. */
    public static byte[] publish(Outgoing m, int packetId) {
        byte[] topic = m.topic().getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + topic.length + (m.qos() > 0 ? 2 : 0) + m.payload().length;
        if (remaining > MAX_REMAINING) {
            throw new IllegalArgumentException("a message on " + m.topic() + " of " + m.payload().length
                    + " bytes is over MQTT's limit of " + MAX_REMAINING);
        }
        byte[] out = new byte[1 + lengthBytes(remaining) + remaining];
        out[0] = (byte) ((PUBLISH << 4) | (m.qos() << 1) | (m.retained() ? 1 : 0));
        int i = writeLength(out, 1, remaining);
        out[i++] = (byte) (topic.length >> 8);
        out[i++] = (byte) topic.length;
        System.arraycopy(topic, 0, out, i, topic.length);
        i += topic.length;
        if (m.qos() > 0) {
            out[i++] = (byte) (packetId >> 8);
            out[i++] = (byte) packetId;
        }
        System.arraycopy(m.payload(), 0, out, i, m.payload().length);
        return out;
    }

    /** PUBACK (section 3.4) into {@code out} at {@code at}: four bytes. */
    static void puback(byte[] out, int at, int packetId) {
        out[at] = (byte) (PUBACK << 4);
        out[at + 1] = 2;
        out[at + 2] = (byte) (packetId >> 8);
        out[at + 3] = (byte) packetId;
    }

    /** How many bytes the remaining length {@code n} takes (section 2.2.3). */
    static int lengthBytes(int n) {
        return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
    }

    private static int writeLength(byte[] out, int at, int n) {
        do {
            int digit = n % 128;
            n /= 128;
            out[at++] = (byte) (n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        return at;
    }

    private static byte[] packet(int firstByte, byte[] body) {
        byte[] out = new byte[1 + lengthBytes(body.length) + body.length];
        out[0] = (byte) firstByte;
        int i = writeLength(out, 1, body.length);
        System.arraycopy(body, 0, out, i, body.length);
        return out;
    }

    private static void string(ByteArrayOutputStream out, String s) {
        binary(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void binary(ByteArrayOutputStream out, byte[] b) {
        if (b.length > 65_535) {
            throw new IllegalArgumentException("an MQTT string or binary field is at most 65535 bytes, was " + b.length);
        }
        out.write(b.length >> 8);
        out.write(b.length & 0xFF);
        out.write(b, 0, b.length);
    }

    /** What a CONNACK's return code (section 3.2.2.3) means, for the log. */
    static String connackReason(int code) {
        return switch (code) {
            case 1 -> "unacceptable protocol version";
            case 2 -> "client identifier rejected";
            case 3 -> "server unavailable";
            case 4 -> "bad user name or password";
            case 5 -> "not authorized";
            default -> "return code " + code;
        };
    }

    /** A PUBLISH as read: its topic, packet id (0 at QoS 0), QoS, retain flag and payload. */
    record Publish(String topic, int packetId, int qos, boolean retained, byte[] payload) {}

    /**
     * Decodes a PUBLISH's variable header and payload from {@code body} ({@code length} bytes from
     * {@code offset}) given its fixed header's first byte.
     *
     * @throws MqttProtocolException when the packet is not a well-formed PUBLISH
     */
    static Publish publish(int firstByte, byte[] body, int offset, int length) {
        return publish(firstByte, body, offset, length, null);
    }

    /** As above, the topic read through {@code topics} (the same instance for a topic read before) unless it is null. */
    static Publish publish(int firstByte, byte[] body, int offset, int length, SymbolTable topics) {
        int qos = (firstByte >> 1) & 0x03;
        if (qos == 3) {
            throw new MqttProtocolException("a PUBLISH with QoS 3");
        }
        if (length < 2) {
            throw new MqttProtocolException("a PUBLISH of " + length + " bytes has no topic");
        }
        int topicLength = ((body[offset] & 0xFF) << 8) | (body[offset + 1] & 0xFF);
        int headerLength = 2 + topicLength + (qos > 0 ? 2 : 0);
        if (headerLength > length) {
            throw new MqttProtocolException("a PUBLISH of " + length + " bytes announces a topic of " + topicLength);
        }
        int from = offset + 2;
        String topic = topics == null ? new String(body, from, topicLength, StandardCharsets.UTF_8)
                : topics.string(body, from, from + topicLength, SymbolTable.hash(body, from, from + topicLength));
        int packetId = 0;
        if (qos > 0) {
            int at = offset + 2 + topicLength;
            packetId = ((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF);
        }
        byte[] payload = new byte[length - headerLength];
        System.arraycopy(body, offset + headerLength, payload, 0, payload.length);
        return new Publish(topic, packetId, qos, (firstByte & 1) != 0, payload);
    }

    /** The broker broke the protocol, or sent what we never asked for: the connection is dropped. */
    static final class MqttProtocolException extends RuntimeException {
        MqttProtocolException(String message) {
            super(message);
        }
    }
}
