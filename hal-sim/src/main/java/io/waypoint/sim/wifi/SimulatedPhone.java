package io.waypoint.sim.wifi;

import java.time.Instant;

/**
 * A phone on a {@link SimulatedAccessPoint}'s Wi-Fi, as the access point sees it: its randomised MAC
 * address, its IP address, its openNDS session. The simulator's own view, for tests (e.g. to check
 * that these identifiers never leak); the code under test sees only what ndsctl prints. State reads
 * are as of the access point's last update (every ndsctl call and {@link SimulatedAccessPoint#update}).
 */
public final class SimulatedPhone {
    private final SimulatedAccessPoint ap;
    private final String mac;
    private final String ip;
    final TrafficScript traffic;
    final Instant joined;

    // guarded by the access point
    String token;
    String state = SimulatedAccessPoint.PREAUTHENTICATED;
    long sessionStart;
    Instant authenticatedAt;
    long sessionEnd;
    long upRate;
    long downRate;
    long upQuotaKb;
    long downQuotaKb;
    double bytesDown;
    double bytesUp;
    Instant lastUpdate;
    Instant lastActive;
    int sessions;
    String lastEnd = "";
    boolean present = true;

    SimulatedPhone(SimulatedAccessPoint ap, String mac, String ip, String token, TrafficScript traffic, Instant joined) {
        this.ap = ap;
        this.mac = mac;
        this.ip = ip;
        this.token = token;
        this.traffic = traffic;
        this.joined = joined;
        this.lastUpdate = joined;
        this.lastActive = joined;
    }

    /** Its MAC address, locally administered as phones randomise them, lower case. */
    public String mac() {
        return mac;
    }

    /** Its IP address on the portal's network. */
    public String ip() {
        return ip;
    }

    /** Its current openNDS token (a new one after each session). */
    public String token() {
        synchronized (ap) {
            return token;
        }
    }

    /** openNDS's state for it: {@code Preauthenticated}, {@code Authenticated}, {@code AuthBlocked}. */
    public String state() {
        synchronized (ap) {
            return state;
        }
    }

    /** kB downloaded in the current session. */
    public long kbDown() {
        synchronized (ap) {
            return (long) bytesDown / 1024;
        }
    }

    /** kB uploaded in the current session. */
    public long kbUp() {
        synchronized (ap) {
            return (long) bytesUp / 1024;
        }
    }

    /** Sessions it has had (authenticated at least once each). */
    public int sessions() {
        synchronized (ap) {
            return sessions;
        }
    }

    /** Why its last session ended: {@code deauth}, {@code timeout}, {@code downquota}, {@code upquota}, or "". */
    public String lastSessionEnd() {
        synchronized (ap) {
            return lastEnd;
        }
    }

    /** Whether it is still on the Wi-Fi. */
    public boolean present() {
        synchronized (ap) {
            return present;
        }
    }

    /** Without its identifiers: the simulator runs inside nodes whose logs must hold none. */
    @Override
    public String toString() {
        return "simulated phone (" + state() + ")";
    }
}
