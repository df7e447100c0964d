package io.waypoint.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MqttPacketsTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'p');
        return b;
    }

    /** Decodes what publish() encoded, reading the fixed header as the connection does. */
    private static MqttPackets.Publish roundTrip(Outgoing m, int id) {
        byte[] packet = MqttPackets.publish(m, id);
        int value = 0;
        int i = 1;
        for (int shift = 0; ; shift += 7) {
            int b = packet[i++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        assertThat(packet.length - i).as("remaining length").isEqualTo(value);
        return MqttPackets.publish(packet[0] & 0xFF, packet, i, value);
    }

    @Test
    void aPublishDecodesToWhatWasEncodedAcrossEveryRemainingLengthSize() {
        // 23 bytes of topic and id: remaining lengths 126..128 and 16382..16384, one to three length bytes
        for (int size : new int[] {0, 103, 104, 105, 16_359, 16_360, 16_361, 200_000}) {
            Outgoing m = new Outgoing("wp/v1/s/n/telemetry", bytes(size), 1, size % 2 == 0);
            MqttPackets.Publish p = roundTrip(m, 513);
            assertThat(p.topic()).isEqualTo("wp/v1/s/n/telemetry");
            assertThat(p.packetId()).isEqualTo(513);
            assertThat(p.qos()).isEqualTo(1);
            assertThat(p.retained()).isEqualTo(size % 2 == 0);
            assertThat(p.payload()).hasSize(size).isEqualTo(m.payload());
        }
    }

    @Test
    void aQos0PublishHasNoPacketId() {
        MqttPackets.Publish p = roundTrip(new Outgoing("t/é", "x".getBytes(StandardCharsets.UTF_8), 0, false), 77);
        assertThat(p.topic()).isEqualTo("t/é");
        assertThat(p.packetId()).isZero();
        assertThat(p.payload()).containsExactly('x');
    }

    @Test
    void aPublishWhoseTopicRunsPastItsPacketIsAProtocolError() {
        byte[] body = {0, 50, 't', '/', 'a'};
        assertThatThrownBy(() -> MqttPackets.publish(0x32, body, 0, body.length))
                .isInstanceOf(MqttPackets.MqttProtocolException.class).hasMessageContaining("topic of 50");
    }

    @Test
    void connectCarriesTheSessionTheWillAndTheLogin() {
        UplinkOptions o = UplinkOptions.of(URI.create("tcp://h:1"), "site.node")
                .withCredentials("gw", "secret".toCharArray())
                .withLifecycle(Outgoing.retained("s/state", "dead".getBytes(StandardCharsets.UTF_8)), null, null);
        byte[] c = MqttPackets.connect(o);
        assertThat(c[0] & 0xFF).isEqualTo(0x10);
        // after the fixed header (2 bytes here): "MQTT" as a string (6), level 4, then the flags
        assertThat(new String(c, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("MQTT");
        assertThat(c[8]).isEqualTo((byte) 4);
        int flags = c[9] & 0xFF;
        assertThat(flags & 0x02).as("persistent session: clean session off").isZero();
        assertThat(flags & 0x04).as("will").isNotZero();
        assertThat((flags >> 3) & 3).as("will QoS").isEqualTo(1);
        assertThat(flags & 0x20).as("will retained").isNotZero();
        assertThat(flags & 0xC0).as("user name and password").isEqualTo(0xC0);
        assertThat(((c[10] & 0xFF) << 8) | (c[11] & 0xFF)).as("keep-alive seconds").isEqualTo(30);
        String rest = new String(c, 12, c.length - 12, StandardCharsets.UTF_8);
        assertThat(rest).contains("site.node", "s/state", "dead", "gw", "secret");
        assertThat(rest.indexOf("site.node")).isLessThan(rest.indexOf("s/state"));
        assertThat(rest.indexOf("gw")).isLessThan(rest.indexOf("secret"));
    }

    @Test
    void aPubackIsFourBytesWithThePacketId() {
        byte[] out = new byte[6];
        MqttPackets.puback(out, 2, 0x1234);
        assertThat(out).containsExactly(0, 0, 0x40, 2, 0x12, 0x34);
    }
}
