package io.waypoint.drivers.opennds;

import io.waypoint.sim.wifi.SimulatedAccessPoint;
import io.waypoint.sim.wifi.SimulatedPhone;
import io.waypoint.sim.wifi.TrafficScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tinylog.Logger;

/**
 * A process that runs a kiosk's Wi-Fi day through the adapter against the simulated access point,
 * every failure included, logging the way a kiosk would (lists, sessions, every exception with its
 * stack trace): the child JVM of {@link OpenNdsPrivacyTest}, whose logging it captures.
 *
 * <p>Arguments: a work directory, a seed. Writes {@code identities.txt} there: every MAC, IP address
 * and token the simulated phones had, one a line, for the test to look for.
 */
public final class KioskWifiChild {
    private KioskWifiChild() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        WorldClock clock = new WorldClock(Instant.parse("2025-06-01T08:00:00Z"));
        Set<String> identities = new LinkedHashSet<>();
        try (SimulatedAccessPoint ap = SimulatedAccessPoint.start(work.resolve("ap"), clock::instant, seed)) {
            OpenNdsSettings settings = OpenNdsSettings.defaults().withNdsctl(ap.ndsctl())
                    .withBusyRetries(2, Duration.ofMillis(20));
            OpenNds nds = new OpenNds(settings, clock);
            List<SimulatedPhone> phones = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                phones.add(ap.join(TrafficScript.steady(20 + 10 * i, 2 + i)));
            }
            remember(identities, ap);

            ClientList list = poll(nds);
            List<ClientHandle> handles = list.clients().stream().map(Client::handle).toList();
            for (int i = 0; i < 4; i++) {
                ClientHandle h = handles.get(i);
                SessionLimits limits = SessionLimits.lasting(Duration.ofMinutes(10 + i)).withQuotasKb(0, i == 0 ? 300 : 0);
                attempt("authenticate", () -> nds.authenticate(h, limits));
            }
            clock.pass(Duration.ofSeconds(30));
            poll(nds);
            attempt("deauthenticate", () -> nds.deauthenticate(handles.get(1)));
            attempt("authenticate twice", () -> nds.authenticate(handles.get(2), SessionLimits.lasting(Duration.ofMinutes(5))));
            attempt("deauthenticate a phone without a session", () -> nds.deauthenticate(handles.get(5)));
            remember(identities, ap);

            clock.pass(Duration.ofMinutes(12));
            poll(nds);
            remember(identities, ap);

            ap.leave(phones.get(4));
            poll(nds);
            attempt("authenticate a phone that left", () -> nds.authenticate(handles.get(4),
                    SessionLimits.lasting(Duration.ofMinutes(5))));

            ap.busyFor(1);
            poll(nds);
            ap.busyUntilCleared();
            poll(nds);
            ap.busyFor(0);

            ap.stopDaemon();
            poll(nds);
            ap.startDaemon();

            ap.hang();
            attempt("list through a hung portal", () -> new OpenNds(settings.withCallTimeout(Duration.ofMillis(300)),
                    clock).clients());
            ap.clearHang();

            Path odd = work.resolve("odd-ndsctl");
            Files.writeString(odd, "#!/bin/sh\nif [ \"$1\" = json ]; then exec '" + ap.ndsctl() + "' \"$@\"; fi\n"
                    + "echo \"Client $2 exploded\"; echo \"Client $2 exploded\" >&2; exit 9\n");
            Files.setPosixFilePermissions(odd, PosixFilePermissions.fromString("rwxr-xr-x"));
            OpenNds oddNds = new OpenNds(settings.withNdsctl(odd), clock);
            ClientList oddList = poll(oddNds);
            for (Client c : oddList.clients()) {
                attempt("deauthenticate through an odd ndsctl", () -> oddNds.deauthenticate(c.handle()));
                attempt("authenticate through an odd ndsctl", () -> oddNds.authenticate(c.handle(),
                        SessionLimits.lasting(Duration.ofMinutes(5))));
            }
            remember(identities, ap);
            for (SimulatedPhone p : phones) {
                identities.add(p.mac());
                identities.add(p.ip());
            }
        }
        Files.write(work.resolve("identities.txt"), identities);
        Logger.info("wifi day done");
        System.out.println("CHILD done");
    }

    private static ClientList poll(OpenNds nds) throws InterruptedException {
        try {
            ClientList list = nds.clients();
            Logger.info("wifi: {} phones, {} authenticated: {}", list.clients().size(), list.authenticated(), list);
            for (Client c : list.clients()) {
                Logger.debug("wifi: {}", c);
            }
            return list;
        } catch (OpenNdsException e) {
            Logger.warn(e, "wifi: listing clients failed ({})", e.problem());
            System.out.println("CHILD " + e.getMessage());
            return new ClientList(Instant.EPOCH, List.of());
        }
    }

    interface Call {
        void run() throws Exception;
    }

    private static void attempt(String what, Call call) throws InterruptedException {
        try {
            call.run();
            Logger.info("wifi: {} done", what);
        } catch (OpenNdsException e) {
            Logger.warn(e, "wifi: {} failed ({})", what, e.problem());
            System.out.println("CHILD " + e.getMessage());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            Logger.error(e, "wifi: {} failed unexpectedly", what);
        }
    }

    private static void remember(Set<String> identities, SimulatedAccessPoint ap) {
        for (SimulatedPhone p : ap.phones()) {
            identities.add(p.mac());
            identities.add(p.ip());
            identities.add(p.token());
        }
    }
}
