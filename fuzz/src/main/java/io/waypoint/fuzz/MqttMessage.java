package io.waypoint.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A message as the gateway receives it, from a fuzz input {@code topic\npayload}; without a line
 * feed all of the input is the payload of a well's telemetry. The topic is decoded as Paho decodes it.
 */
public record MqttMessage(String topic, byte[] payload) {
    public static final String DEFAULT_TOPIC = "wp/v1/la-gloria/well-01/telemetry";

    public static MqttMessage of(byte[] input) {
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                return new MqttMessage(new String(input, 0, i, StandardCharsets.UTF_8), Arrays.copyOfRange(input, i + 1, input.length));
            }
        }
        return new MqttMessage(DEFAULT_TOPIC, input);
    }
}
