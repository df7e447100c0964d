package io.waypoint.kiosk.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The kiosk's free Wi-Fi behind its captive portal: who is let in with which limits, and whose
 * session ends. A session lasts up to {@link WifiSettings#sessionLimit()} and up to its data limits;
 * at most {@link WifiSettings#maxSessions()} run at once. A session's end frees its place; the same
 * phone may ask again and gets a place if one is free (phones randomise their MACs, so telling it
 * is the same phone would be both weak and a way of tracking it).
 *
 * <p>Clients are {@link ClientHandle}s, never addresses; {@link WifiEvent.SessionEnded}, what
 * leaves the kiosk, carries only a duration and megabytes.
 *
 * <p>A new policy knows no session: at start-up the controller should end the sessions the portal
 * still holds from before. Not thread-safe.
 */
public final class WifiPolicy {
    private static final double BYTES_PER_MB = 1_000_000.0;

    private final WifiSettings s;
    private final Map<ClientHandle, Session> sessions = new LinkedHashMap<>();
    private boolean shed;
    private boolean uplinkUp = true;

    private static final class Session {
        final Instant since;
        long downBytes;
        long upBytes;

        Session(Instant since) {
            this.since = since;
        }
    }

    public WifiPolicy(WifiSettings settings) {
        this.s = Objects.requireNonNull(settings);
    }

    public WifiSettings settings() {
        return s;
    }

    /**
     * {@code client} asks to be let in (it accepted the portal's page): a {@link WifiDecision.Grant}
     * starts its session at {@code t}.
     */
    public WifiDecision request(Instant t, ClientHandle client) {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(client, "client");
        if (sessions.containsKey(client)) {
            return new WifiDecision.Refused(WifiDecision.Reason.ALREADY_IN_SESSION);
        }
        WifiAvailability now = availability();
        if (now != WifiAvailability.OPEN) {
            return new WifiDecision.Refused(now == WifiAvailability.FULL ? WifiDecision.Reason.FULL
                    : now == WifiAvailability.SHED ? WifiDecision.Reason.SHED : WifiDecision.Reason.NO_INTERNET);
        }
        sessions.put(client, new Session(t));
        return new WifiDecision.Grant(s.sessionLimit(), kibibytes(s.downLimitMb()), kibibytes(s.upLimitMb()),
                s.downRateKbps(), s.upRateKbps());
    }

    /**
     * {@code client}'s traffic so far this session, in bytes (openNDS reports kB of 1024 bytes).
     * Ends the session once either data limit is reached. A client without a session is ignored.
     */
    public List<WifiEvent> traffic(Instant t, ClientHandle client, long downBytes, long upBytes) {
        List<WifiEvent> out = tick(t);
        Session session = sessions.get(client);
        if (session != null) {
            session.downBytes = Math.max(session.downBytes, downBytes);
            session.upBytes = Math.max(session.upBytes, upBytes);
            if (session.downBytes >= s.downLimitMb() * BYTES_PER_MB || session.upBytes >= s.upLimitMb() * BYTES_PER_MB) {
                sessions.remove(client);
                end(t, client, session, WifiEvent.EndReason.DATA_LIMIT, true, out);
            }
        }
        return out;
    }

    /** The portal no longer lists {@code client} as authenticated: its session, if it had one, has ended. */
    public List<WifiEvent> left(Instant t, ClientHandle client) {
        List<WifiEvent> out = tick(t);
        Session session = sessions.remove(client);
        if (session != null) {
            end(t, client, session, WifiEvent.EndReason.LEFT, false, out);
        }
        return out;
    }

    /** Ends the sessions whose time is up (each at the moment its time was up). */
    public List<WifiEvent> tick(Instant t) {
        Objects.requireNonNull(t, "t");
        List<WifiEvent> out = new ArrayList<>(0);
        for (Iterator<Map.Entry<ClientHandle, Session>> it = sessions.entrySet().iterator(); it.hasNext();) {
            Map.Entry<ClientHandle, Session> e = it.next();
            Instant limit = e.getValue().since.plus(s.sessionLimit());
            if (!t.isBefore(limit)) {
                it.remove();
                end(limit, e.getKey(), e.getValue(), WifiEvent.EndReason.TIME_LIMIT, true, out);
            }
        }
        return out;
    }

    /** Wi-Fi is shed ({@code true}: every session ends, nobody is let in) or allowed again. */
    public List<WifiEvent> shed(Instant t, boolean shedNow) {
        List<WifiEvent> out = tick(t);
        shed = shedNow;
        if (shedNow) {
            endAll(t, WifiEvent.EndReason.SHED, out);
        }
        return out;
    }

    /** Whether the kiosk's own internet link is up; while it is down, nobody new is let in (sessions stay). */
    public List<WifiEvent> uplink(Instant t, boolean up) {
        List<WifiEvent> out = tick(t);
        uplinkUp = up;
        return out;
    }

    /** Ends every session: the controller is shutting down. */
    public List<WifiEvent> stopAll(Instant t) {
        List<WifiEvent> out = tick(t);
        endAll(t, WifiEvent.EndReason.STOPPED, out);
        return out;
    }

    /** Sessions running now: the {@code clients} of telemetry. */
    public int activeSessions() {
        return sessions.size();
    }

    /** Whether a newcomer would be let in now. */
    public WifiAvailability availability() {
        if (shed) {
            return WifiAvailability.SHED;
        }
        if (!uplinkUp) {
            return WifiAvailability.NO_INTERNET;
        }
        return sessions.size() >= s.maxSessions() ? WifiAvailability.FULL : WifiAvailability.OPEN;
    }

    private void endAll(Instant t, WifiEvent.EndReason reason, List<WifiEvent> out) {
        for (Map.Entry<ClientHandle, Session> e : sessions.entrySet()) {
            end(t, e.getKey(), e.getValue(), reason, true, out);
        }
        sessions.clear();
    }

    private static void end(Instant t, ClientHandle client, Session session, WifiEvent.EndReason reason,
                            boolean deauthenticate, List<WifiEvent> out) {
        if (deauthenticate) {
            out.add(new WifiEvent.Deauthenticate(t, client, reason));
        }
        out.add(new WifiEvent.SessionEnded(t, Duration.between(session.since, t), session.downBytes / BYTES_PER_MB,
                session.upBytes / BYTES_PER_MB, reason));
    }

    private static long kibibytes(long mb) {
        return (long) (mb * BYTES_PER_MB / 1024);
    }
}
