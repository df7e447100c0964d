package io.waypoint.bench.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MqttPacketTallyTest {

    /** An MQTT 3.1.1 CONNECT with client id "n1" and keep-alive {@code keepAlive}: 16 bytes. */
    private static byte[] connect(int keepAlive) {
        return new byte[] {0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, (byte) (keepAlive >> 8), (byte) keepAlive, 0, 2, 'n', '1'};
    }

    /** A QoS 1 PUBLISH of {@code payload} on {@code topic}, with a remaining length of as many bytes as it needs. */
    private static byte[] publish(String topic, int payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + t.length + 2 + payload;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x32);
        for (int r = remaining; ; ) {
            int digit = r % 128;
            r /= 128;
            b.write(r > 0 ? digit | 0x80 : digit);
            if (r == 0) {
                break;
            }
        }
        b.write(0);
        b.write(t.length);
        b.writeBytes(t);
        b.write(0);
        b.write(7);
        b.writeBytes(new byte[payload]);
        return b.toByteArray();
    }

    private static final byte[] PUBACK = {0x40, 2, 0, 7};
    private static final byte[] PINGREQ = {(byte) 0xC0, 0};

    @Test
    void packetsAreCountedByTypeWithTheirWholeLengthAndTheConnectsKeepAlive() {
        MqttPacketTally t = new MqttPacketTally();
        byte[] pub = publish("wp/v1/s/w/telemetry", 400); // remaining 423: two length bytes
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(connect(60));
        all.writeBytes(pub);
        all.writeBytes(PUBACK);
        all.writeBytes(PINGREQ);
        byte[] stream = all.toByteArray();
        t.feed(stream, 0, stream.length);

        MqttPacketTally.Counts c = t.counts();
        assertThat(t.keepAliveSeconds()).isEqualTo(60);
        assertThat(c.bytes()[MqttPacketTally.CONNECT]).isEqualTo(16);
        assertThat(c.bytes()[MqttPacketTally.PUBLISH]).isEqualTo(pub.length).isEqualTo(1 + 2 + 423);
        assertThat(c.packets()[MqttPacketTally.PUBACK]).isEqualTo(1);
        assertThat(c.bytesExcept(MqttPacketTally.PINGREQ, MqttPacketTally.PINGRESP)).isEqualTo(stream.length - 2);
    }

    @Test
    void aPacketSplitAcrossChunksAtEveryByteIsCountedOnceWhole() {
        byte[] pub = publish("wp/v1/s/k/telemetry", 700);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(pub);
        all.writeBytes(PUBACK);
        all.writeBytes(pub);
        byte[] stream = all.toByteArray();
        MqttPacketTally t = new MqttPacketTally();
        for (int i = 0; i < stream.length; i++) {
            t.feed(stream, i, 1);
            if (i == pub.length - 2) {
                assertThat(t.counts().packets()[MqttPacketTally.PUBLISH]).as("one byte short of the first").isZero();
            }
        }
        assertThat(t.counts().packets()[MqttPacketTally.PUBLISH]).isEqualTo(2);
        assertThat(t.counts().bytes()[MqttPacketTally.PUBLISH]).isEqualTo(2L * pub.length);
        assertThat(t.counts().bytesExcept()).isEqualTo(stream.length);
    }

    @Test
    void countsBetweenTwoMomentsAreTheirDifference() {
        MqttPacketTally t = new MqttPacketTally();
        t.feed(PUBACK, 0, PUBACK.length);
        MqttPacketTally.Counts before = t.counts();
        t.feed(PUBACK, 0, PUBACK.length);
        t.feed(PINGREQ, 0, PINGREQ.length);
        MqttPacketTally.Counts window = t.counts().minus(before);
        assertThat(window.bytesExcept()).isEqualTo(6);
        assertThat(window.packets()[MqttPacketTally.PUBACK]).isEqualTo(1);
        assertThat(window.plus(before).bytesExcept()).isEqualTo(t.counts().bytesExcept());
    }

    @Test
    void bytesThatAreNotMqttStopTheCountRatherThanInventPackets() {
        MqttPacketTally t = new MqttPacketTally();
        byte[] garbage = {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3};
        t.feed(garbage, 0, garbage.length);
        t.feed(PUBACK, 0, PUBACK.length);
        assertThat(t.counts().bytesExcept()).isZero();
    }
}
