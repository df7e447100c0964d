package io.waypoint.wire;

import java.util.List;

/**
 * A kiosk's summary of one interval. Each part is null (and its key omitted) when the kiosk lacks
 * that service; at least one is present:
 * <pre>
 * "interval_s":60, "metrics":{
 *   "charging":{"ports_total":8,"ports_busy":3,"sessions":5,"wh":12.3,"faults":0},
 *   "calls":{"placed":4,"answered":3,"seconds":512,"failed":1},
 *   "wifi":{"clients":12,"sessions":7,"mb_down":80.2,"mb_up":9.1},
 *   "power":{"battery_v":12.6,"solar_w":40,"load_w":25,"shedding":"none"}}
 * </pre>
 * Counts are anonymous: nothing here says who charged, called or browsed.
 *
 * @param outboxDropped messages the node's outbox dropped, full, since the last report (omitted when 0)
 */
public record KioskTelemetry(int intervalS, Charging charging, Calls calls, Wifi wifi, Power power,
                             long outboxDropped) implements Body {

    /** Phone charging over the interval; {@code sessions} ended in it, {@code wh} delivered in it. */
    public record Charging(int portsTotal, int portsBusy, int sessions, double wh, int faults) {
        public Charging {
            if (!Double.isFinite(wh)) {
                throw new IllegalArgumentException("wh must be finite, was " + wh);
            }
        }
    }

    /** Free calls over the interval: attempts placed, answered, failed, and seconds talked. */
    public record Calls(int placed, int answered, long seconds, int failed) {
    }

    /** Wi-Fi over the interval: clients connected now, sessions ended, megabytes moved. */
    public record Wifi(int clients, int sessions, double mbDown, double mbUp) {
        public Wifi {
            if (!Double.isFinite(mbDown) || !Double.isFinite(mbUp)) {
                throw new IllegalArgumentException("megabytes must be finite, was " + mbDown + ", " + mbUp);
            }
        }
    }

    /**
     * The power system now: battery volts, solar and load watts, and what is shed to save the
     * battery: {@code none}, {@code charging} (the ports go first) or {@code all}.
     */
    public record Power(double batteryV, double solarW, double loadW, String shedding) {
        public static final List<String> SHEDDING = List.of("none", "charging", "all");

        public Power {
            if (!Double.isFinite(batteryV) || !Double.isFinite(solarW) || !Double.isFinite(loadW)) {
                throw new IllegalArgumentException("power figures must be finite, was " + batteryV + " V, " + solarW
                        + " W, " + loadW + " W");
            }
            if (!SHEDDING.contains(shedding)) {
                throw new IllegalArgumentException("shedding must be none, charging or all, was "
                        + Inspection.quote(String.valueOf(shedding)));
            }
        }
    }

    /** @throws IllegalArgumentException when every part is null or outboxDropped is negative */
    public KioskTelemetry {
        if (charging == null && calls == null && wifi == null && power == null) {
            throw new IllegalArgumentException("kiosk telemetry needs at least one of charging, calls, wifi, power");
        }
        if (outboxDropped < 0) {
            throw new IllegalArgumentException("outboxDropped must be >= 0, was " + outboxDropped);
        }
    }

    @Override
    public NodeTopic.Kind kind() {
        return NodeTopic.Kind.TELEMETRY;
    }
}
