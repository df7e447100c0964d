package io.waypoint.sim.world.kiosk;

import java.util.Set;

/**
 * Everything the simulated people brought that identifies them: the numbers they dialled and the
 * MAC addresses their phones joined the Wi-Fi with. A kiosk must never log, store or send any of
 * them; a privacy test scans what a kiosk wrote for these strings. Emergency numbers and codes like
 * {@code *#06#} identify no one and are not listed.
 *
 * <p>{@link #toString()} gives counts only, so that logging this value does not leak what it holds.
 *
 * @param numbers dialled numbers as typed: {@code +} and the country code, then the digits
 * @param macs    MAC addresses in lower case, colon-separated ({@code 3a:1f:...}), as openNDS lists them
 */
public record Identifiers(Set<String> numbers, Set<String> macs) {
    public Identifiers {
        numbers = Set.copyOf(numbers);
        macs = Set.copyOf(macs);
    }

    @Override
    public String toString() {
        return "Identifiers[" + numbers.size() + " numbers, " + macs.size() + " MACs]";
    }
}
