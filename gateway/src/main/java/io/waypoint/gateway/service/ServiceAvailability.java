package io.waypoint.gateway.service;

import io.waypoint.wire.KioskTelemetry;
import io.waypoint.wire.WellTelemetry;
import java.util.Optional;

/**
 * Whether one telemetry summary says a service works, and if not why: the one definition the
 * monthly report (time available) and the status page (available now) share. Pure.
 *
 * <ul>
 *   <li>Charging: the kiosk sends a {@code charging} part and sheds neither {@code charging} nor {@code all}.</li>
 *   <li>Calls: a {@code calls} part, no {@code all} shedding, the modem {@code ok} (or only weak,
 *       {@code fault:low_signal}) and the network home or roaming (or not reported).</li>
 *   <li>Wi-Fi: a {@code wifi} part, no {@code all} shedding, the uplink not {@code down}.</li>
 *   <li>Water: the sensor {@code ok}, with readings averaging at most 5 NTU: the water is known safe.</li>
 * </ul>
 */
public final class ServiceAvailability {
    /** Above this average the water is unsafe (WHO's usual acceptability limit). */
    public static final double UNSAFE_NTU = 5.0;

    private ServiceAvailability() {}

    /** The services of a site. */
    public enum Service { CHARGING, CALLS, WIFI, WATER }

    /** Why a service works or not. */
    public enum Why {
        WORKS,
        /** The kiosk sheds its charging ports to save the battery. */
        SHED_CHARGING,
        /** The kiosk sheds everything to save the battery. */
        SHED_ALL,
        /** The modem reports a fault ({@code detail}: its {@code fault:<reason>}). */
        MODEM_FAULT,
        /** The modem is on no usable network ({@code detail}: the network state). */
        NO_NETWORK,
        /** The kiosk's internet uplink is down. */
        UPLINK_DOWN,
        /** The turbidity sensor reports a fault ({@code detail}: its {@code fault:<reason>}). */
        SENSOR_FAULT,
        /** The sensor is fine but gave no readings in the interval. */
        NO_READINGS,
        /** The water averaged above {@link #UNSAFE_NTU} ({@code detail}: the average). */
        TURBID
    }

    /**
     * @param detail the value behind {@code why} as the node sent it (a fault, a network state, an
     *               average), or null; text off the wire: escape before showing it
     */
    public record Verdict(boolean works, Why why, String detail) {
        static final Verdict OK = new Verdict(true, Why.WORKS, null);

        static Verdict not(Why why, String detail) {
            return new Verdict(false, why, detail);
        }
    }

    /** Charging, if the kiosk offers it. */
    public static Optional<Verdict> charging(KioskTelemetry k) {
        if (k.charging() == null) {
            return Optional.empty();
        }
        String shedding = shedding(k);
        if (shedding.equals("all")) {
            return Optional.of(Verdict.not(Why.SHED_ALL, null));
        }
        return Optional.of(shedding.equals("charging") ? Verdict.not(Why.SHED_CHARGING, null) : Verdict.OK);
    }

    /** Free calls, if the kiosk offers them. */
    public static Optional<Verdict> calls(KioskTelemetry k) {
        KioskTelemetry.Calls c = k.calls();
        if (c == null) {
            return Optional.empty();
        }
        if (shedding(k).equals("all")) {
            return Optional.of(Verdict.not(Why.SHED_ALL, null));
        }
        if (c.modem() != null && !c.modem().equals("ok") && !c.modem().equals("fault:low_signal")) {
            return Optional.of(Verdict.not(Why.MODEM_FAULT, c.modem()));
        }
        if (c.network() != null && !c.network().equals("home") && !c.network().equals("roaming")) {
            return Optional.of(Verdict.not(Why.NO_NETWORK, c.network()));
        }
        return Optional.of(Verdict.OK);
    }

    /** Wi-Fi, if the kiosk offers it. */
    public static Optional<Verdict> wifi(KioskTelemetry k) {
        if (k.wifi() == null) {
            return Optional.empty();
        }
        if (shedding(k).equals("all")) {
            return Optional.of(Verdict.not(Why.SHED_ALL, null));
        }
        return Optional.of("down".equals(k.wifi().uplink()) ? Verdict.not(Why.UPLINK_DOWN, null) : Verdict.OK);
    }

    /** Safe water, which every well summary speaks of. */
    public static Verdict water(WellTelemetry w) {
        if (w.sensorFaulty()) {
            return Verdict.not(Why.SENSOR_FAULT, w.sensor());
        }
        WellTelemetry.Summary t = w.turbidityNtu();
        if (t == null || t.n() == 0) {
            return Verdict.not(Why.NO_READINGS, null);
        }
        return t.avg() > UNSAFE_NTU ? Verdict.not(Why.TURBID, Double.toString(t.avg())) : Verdict.OK;
    }

    /** Whether the water of a summary was measured at all: an {@code ok} sensor with readings. */
    public static boolean measured(WellTelemetry w) {
        return !w.sensorFaulty() && w.turbidityNtu() != null && w.turbidityNtu().n() > 0;
    }

    private static String shedding(KioskTelemetry k) {
        return k.power() == null ? "none" : k.power().shedding();
    }
}
