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

    /**
     * Free calls over the interval: attempts placed, answered, failed, and seconds talked; and, keys
     * the kiosk adds, the modem now: {@code signal_csq} (AT+CSQ: 0-31, 99 unknown; -1 omits it),
     * {@code network} (home, roaming, searching, denied, none, unknown) and {@code modem} ({@code ok}
     * or {@code fault:<reason>}, e.g. {@code fault:no_credit}); null omits a key.
     */
    public record Calls(int placed, int answered, long seconds, int failed, int signalCsq, String network, String modem) {
        public static final List<String> NETWORKS = List.of("home", "roaming", "searching", "denied", "none", "unknown");

        public Calls {
            if (signalCsq != -1 && !(signalCsq >= 0 && signalCsq <= 31) && signalCsq != 99) {
                throw new IllegalArgumentException("signal_csq must be 0-31 or 99 (or -1 to omit), was " + signalCsq);
            }
            if (network != null && !NETWORKS.contains(network)) {
                throw new IllegalArgumentException("network must be one of " + NETWORKS + ", was " + Inspection.quote(network));
            }
            if (modem != null && !WellTelemetry.isSensorState(modem)) {
                throw new IllegalArgumentException("modem must be 'ok' or 'fault:<reason>', was " + Inspection.quote(modem));
            }
        }

        /** Counts only, no modem state. */
        public Calls(int placed, int answered, long seconds, int failed) {
            this(placed, answered, seconds, failed, -1, null, null);
        }
    }

    /**
     * Wi-Fi over the interval: clients connected now, sessions ended, megabytes moved; and, a key the
     * kiosk adds, whether its uplink to the internet is {@code up} or {@code down} (null omits it).
     */
    public record Wifi(int clients, int sessions, double mbDown, double mbUp, String uplink) {
        public Wifi {
            if (!Double.isFinite(mbDown) || !Double.isFinite(mbUp)) {
                throw new IllegalArgumentException("megabytes must be finite, was " + mbDown + ", " + mbUp);
            }
            if (uplink != null && !uplink.equals("up") && !uplink.equals("down")) {
                throw new IllegalArgumentException("uplink must be up or down, was " + Inspection.quote(uplink));
            }
        }

        public Wifi(int clients, int sessions, double mbDown, double mbUp) {
            this(clients, sessions, mbDown, mbUp, null);
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
