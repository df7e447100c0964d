package io.waypoint.wire;

import java.util.Objects;

/**
 * A well node's summary of one interval:
 * <pre>
 * "interval_s":60, "metrics":{"turbidity_ntu":{"min":..,"avg":..,"max":..,"n":6},
 *                             "flow_lpm":{"min":..,"avg":..,"max":..,"n":..}},
 * "litres":12.5, "total_litres":45678.9, "cartridge_litres":1234.5, "sensor":"ok", "outbox_dropped":0
 * </pre>
 *
 * @param intervalS       the length of the interval in seconds
 * @param turbidityNtu    turbidity over the interval, or null when the sensor is faulty (key omitted)
 * @param flowLpm         flow over the interval in L/min, or null when there is no flow sensor (key omitted)
 * @param litres          litres drawn in the interval
 * @param totalLitres     litres drawn since installation
 * @param cartridgeLitres litres through the current filter cartridge
 * @param sensor          {@code ok} or {@code fault:<reason>}, reason {@code [a-z0-9_-]{1,40}}
 * @param outboxDropped   messages the node's outbox dropped, full, since the last report (omitted when 0)
 * @param cartridgeRatedLitres the rated life of the cartridge in service, litres, so the gateway can
 *                        warn before it is spent (a key the node adds: {@code cartridge_rated_litres};
 *                        omitted when 0, unknown)
 */
public record WellTelemetry(int intervalS, Summary turbidityNtu, Summary flowLpm, double litres, double totalLitres,
                            double cartridgeLitres, String sensor, long outboxDropped, double cartridgeRatedLitres)
        implements Body {

    public static final String SENSOR_OK = "ok";

    /**
     * A reading summarised over an interval.
     *
     * @param n how many readings; min, avg and max are meaningless when it is 0
     */
    public record Summary(double min, double avg, double max, long n) {
        /** @throws IllegalArgumentException for a non-finite number or {@code n < 0} */
        public Summary {
            if (!Double.isFinite(min) || !Double.isFinite(avg) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("a summary needs finite numbers, was min " + min + ", avg " + avg
                        + ", max " + max);
            }
            if (n < 0) {
                throw new IllegalArgumentException("n must be >= 0, was " + n);
            }
        }
    }

    /** Without a rated cartridge life. */
    public WellTelemetry(int intervalS, Summary turbidityNtu, Summary flowLpm, double litres, double totalLitres,
                         double cartridgeLitres, String sensor, long outboxDropped) {
        this(intervalS, turbidityNtu, flowLpm, litres, totalLitres, cartridgeLitres, sensor, outboxDropped, 0);
    }

    /** @throws IllegalArgumentException for a non-finite number, a malformed sensor or a negative outboxDropped */
    public WellTelemetry {
        if (!(cartridgeRatedLitres >= 0) || Double.isInfinite(cartridgeRatedLitres)) {
            throw new IllegalArgumentException("cartridgeRatedLitres must be a finite number >= 0, was " + cartridgeRatedLitres);
        }
        if (!Double.isFinite(litres) || !Double.isFinite(totalLitres) || !Double.isFinite(cartridgeLitres)) {
            throw new IllegalArgumentException("litres must be finite, was " + litres + ", " + totalLitres + ", "
                    + cartridgeLitres);
        }
        Objects.requireNonNull(sensor, "sensor");
        if (!isSensorState(sensor)) {
            throw new IllegalArgumentException("sensor must be 'ok' or 'fault:<reason>' with reason of a-z, 0-9, '_', '-', was "
                    + Inspection.quote(sensor));
        }
        if (outboxDropped < 0) {
            throw new IllegalArgumentException("outboxDropped must be >= 0, was " + outboxDropped);
        }
    }

    /** The sensor state {@code fault:<reason>}. */
    public static String sensorFault(String reason) {
        String s = "fault:" + reason;
        if (!isSensorState(s)) {
            throw new IllegalArgumentException("a fault reason is 1 to 40 of a-z, 0-9, '_' and '-', was " + Inspection.quote(reason));
        }
        return s;
    }

    /** Whether the sensor reported a fault this interval. */
    public boolean sensorFaulty() {
        return !SENSOR_OK.equals(sensor);
    }

    static boolean isSensorState(String s) {
        if (SENSOR_OK.equals(s)) {
            return true;
        }
        if (s == null || !s.startsWith("fault:") || s.length() < 7 || s.length() > 46) {
            return false;
        }
        for (int i = 6; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public NodeTopic.Kind kind() {
        return NodeTopic.Kind.TELEMETRY;
    }
}
