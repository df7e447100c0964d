package io.waypoint.sim.site;

import io.waypoint.time.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The busy hour of {@link KioskVisitorsTest} in a JVM of its own, whose log the privacy test reads:
 * {@code args[0]} is the scenario file.
 */
public final class KioskSitePrivacyChild {
    private KioskSitePrivacyChild() {}

    public static void main(String[] args) {
        ManualScheduler time = new ManualScheduler(KioskVisitorsTest.START);
        KioskSite site = KioskSite.start(Map.of(KioskSite.SCENARIO, Path.of(args[0]).toString(),
                KioskSite.SITE_ID, "privacy"), time);
        StandInKiosk kiosk = new StandInKiosk(site, d -> { });
        kiosk.writeLcd("Waypoint", () -> time.advance(Duration.ofMillis(5)));
        while (time.now().isBefore(KioskVisitorsTest.END)) {
            time.advance(KioskVisitorsTest.STEP);
            kiosk.step(time.now());
        }
        System.out.println("DIALLED " + kiosk.dialled().size());
        System.out.println("TURNED AWAY " + site.peopleTurnedAway());
        System.out.println("ON WIFI " + site.accessPoint().phones().size());
        kiosk.close();
        site.close();
        time.close();
        System.out.println("DONE");
        System.exit(0);
    }
}
