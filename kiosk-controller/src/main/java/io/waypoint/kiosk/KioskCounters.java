package io.waypoint.kiosk;

import io.waypoint.kiosk.policy.CallEvent;
import io.waypoint.kiosk.policy.CallResult;
import io.waypoint.kiosk.policy.ChargingEvent;
import io.waypoint.kiosk.policy.WifiEvent;
import io.waypoint.wire.KioskTelemetry;

/**
 * The anonymous counts of one telemetry interval, summed from the policies' events: sessions ended,
 * energy, calls and their seconds, Wi-Fi megabytes. Nothing here can say who: a count, a duration,
 * a result. Pure; one thread.
 */
final class KioskCounters {
    private int chargingSessions;
    private double wh;
    private int callsPlaced;
    private int callsAnswered;
    private long callSeconds;
    private int wifiSessions;
    private double mbDown;
    private double mbUp;

    void charging(ChargingEvent e) {
        if (e instanceof ChargingEvent.Ended ended) {
            chargingSessions++;
            wh += ended.wh();
        }
    }

    void call(CallEvent e) {
        if (e instanceof CallEvent.CallEnded ended) {
            callsPlaced++;
            if (ended.result() == CallResult.ANSWERED) {
                callsAnswered++;
                callSeconds += ended.talked().toSeconds();
            }
        }
    }

    void wifi(WifiEvent e) {
        if (e instanceof WifiEvent.SessionEnded) {
            wifiSessions++;
        }
    }

    /** Traffic seen moving during the interval, whatever session it belongs to. */
    void wifiTraffic(double mbDownMoved, double mbUpMoved) {
        mbDown += Math.max(0, mbDownMoved);
        mbUp += Math.max(0, mbUpMoved);
    }

    /** The interval's counts with the state now; then starts a new interval. */
    KioskTelemetry take(int intervalS, int portsTotal, int portsBusy, int portsFaulted, KioskTelemetry.Calls modem,
                        int wifiClients, String uplink, KioskTelemetry.Power power, long outboxDropped) {
        KioskTelemetry t = new KioskTelemetry(intervalS,
                new KioskTelemetry.Charging(portsTotal, portsBusy, chargingSessions, round(wh), portsFaulted),
                new KioskTelemetry.Calls(callsPlaced, callsAnswered, callSeconds, callsPlaced - callsAnswered,
                        modem.signalCsq(), modem.network(), modem.modem()),
                new KioskTelemetry.Wifi(wifiClients, wifiSessions, round(mbDown), round(mbUp), uplink),
                power, outboxDropped);
        chargingSessions = 0;
        wh = 0;
        callsPlaced = 0;
        callsAnswered = 0;
        callSeconds = 0;
        wifiSessions = 0;
        mbDown = 0;
        mbUp = 0;
        return t;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
