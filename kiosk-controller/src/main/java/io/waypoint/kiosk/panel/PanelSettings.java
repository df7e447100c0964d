package io.waypoint.kiosk.panel;

import java.time.Duration;
import java.util.Objects;

/**
 * How the panel behaves.
 *
 * @param defaultLanguage    the site's language, shown to whoever arrives
 * @param rotateEvery        how long each idle page stays before the next
 * @param noticeFor          how long a reply to a button (a port's state, a refused number, a call ended) stays
 * @param languageResetAfter after this long with no button pressed and no call, the panel returns to the
 *                           default language for the next person
 * @param wifiName           the Wi-Fi network's name to show, at most 20 characters; empty shows none
 */
public record PanelSettings(Language defaultLanguage, Duration rotateEvery, Duration noticeFor,
                            Duration languageResetAfter, String wifiName) {

    /** @throws IllegalArgumentException for a duration under one second or a Wi-Fi name over 20 characters */
    public PanelSettings {
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        Objects.requireNonNull(wifiName, "wifiName");
        for (Duration d : new Duration[] {rotateEvery, noticeFor, languageResetAfter}) {
            Objects.requireNonNull(d, "a panel duration");
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("panel durations must be at least 1 s, was " + d);
            }
        }
        int n = wifiName.codePointCount(0, wifiName.length());
        if (n > Screen.COLUMNS) {
            throw new IllegalArgumentException("the Wi-Fi name must fit one line of " + Screen.COLUMNS
                    + " characters, was " + n);
        }
    }

    /** Spanish; pages of 5 s; replies for 6 s; back to Spanish after 2 min untouched; no Wi-Fi name. */
    public static PanelSettings defaults() {
        return new PanelSettings(Language.SPANISH, Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofMinutes(2),
                "");
    }

    /** These settings with {@code language} as the site's. */
    public PanelSettings withDefaultLanguage(Language language) {
        return new PanelSettings(language, rotateEvery, noticeFor, languageResetAfter, wifiName);
    }

    /** These settings showing {@code name} as the Wi-Fi network's. */
    public PanelSettings withWifiName(String name) {
        return new PanelSettings(defaultLanguage, rotateEvery, noticeFor, languageResetAfter, name);
    }
}
