package io.waypoint.sim.world.kiosk;

import java.time.Instant;

/**
 * A phone on the kiosk's Wi-Fi at an instant, as a captive portal would list it.
 *
 * <p>{@link #toString()} leaves the MAC out: it identifies a person.
 *
 * @param mac    its (randomised, locally administered) MAC, lower case, colon-separated
 * @param joined when it joined
 * @param leaves when it will leave
 * @param mbDown megabytes it has downloaded so far (traffic flows only while the uplink is up)
 * @param mbUp   megabytes it has uploaded so far
 */
public record WifiClient(String mac, Instant joined, Instant leaves, double mbDown, double mbUp) {
    @Override
    public String toString() {
        return "WifiClient[joined=" + joined + ", leaves=" + leaves + ", mbDown=" + mbDown + ", mbUp=" + mbUp + "]";
    }
}
