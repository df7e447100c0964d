package io.waypoint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings of(String text) {
        return Settings.of(ConfigFile.parse("node.conf", text));
    }

    @Test
    void typedValuesWithUnits() {
        Settings s = of("""
                [outbox]
                max_bytes = 64MiB
                [telemetry]
                interval = 5m
                [flow]
                k_factor = 450.5
                enabled = yes
                """);
        assertThat(s.bytes("outbox.max_bytes", 0, 1, Long.MAX_VALUE)).isEqualTo(64L << 20);
        assertThat(s.duration("telemetry.interval", Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.number("flow.k_factor", 0, 1, 10_000)).isEqualTo(450.5);
        assertThat(s.bool("flow.enabled", false)).isTrue();
        s.rejectUnknownKeys();
    }

    @Test
    void outOfRangeNamesFileLineKeyValueAndExpectation() {
        Settings s = of("telemetry_interval = 2h\n");
        assertThatThrownBy(() -> s.duration("telemetry_interval", Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofHours(1)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("node.conf line 1: telemetry_interval = '2h': expected a duration like 30s, 5m, 2h or 7d, from 10s to 1h");
    }

    @Test
    void aPathThatNoPathCanHoldIsAConfigErrorNotACrash() {
        // found by the fuzz harness: a NUL in data.dir threw InvalidPathException, a stack trace instead of exit 2
        Settings s = of("data.dir = /var/lib/\u0000waypoint\n");
        assertThatThrownBy(() -> s.path("data.dir", null)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("node.conf line 1: data.dir = '/var/lib/\\u0000waypoint': expected a file path");
        assertThat(of("data.dir = /var/lib/waypoint\n").path("data.dir", null)).hasToString("/var/lib/waypoint");
    }

    @Test
    void aValueWithControlCharactersIsShownOnOneLine() {
        // found by the fuzz harness: a file with CR line ends kept the CR in the value, and the message broke in two
        Settings s = of("site = la\rgloria\n");
        assertThatThrownBy(() -> s.id("site")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("node.conf line 1: site = 'la\\rgloria': expected an id")
                .satisfies(e -> assertThat(((ConfigException) e).value()).isEqualTo("la\rgloria"));
    }

    @Test
    void aBrokerAddressThatJavaNetUriChokesOnIsAConfigError() {
        // found by the fuzz harness: java.net.URI threw NumberFormatException, not URISyntaxException, for this host
        Settings s = of("broker.url = tcp://[::0.30000000000000004]:1883\n");
        assertThatThrownBy(() -> s.brokerUri("broker.url", null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected a broker address like tcp://localhost:1883");
        assertThat(of("broker.url = tcp://[::1]:1883\n").brokerUri("broker.url", null).getPort()).isEqualTo(1883);
    }

    @Test
    void integersMayBeWrittenInHexLikeI2cAddresses() {
        assertThat(of("address = 0x48\n").integer("address", 0, 0x03, 0x77)).isEqualTo(0x48);
    }

    @Test
    void listsOfPinsAndAddresses() {
        Settings s = of("pins = 4, 5,6\naddresses = 0x40,0x41\nbad = 4,x\n");
        assertThat(s.integers("pins", List.of(), 3, 0, 53)).containsExactly(4, 5, 6);
        assertThat(s.integers("addresses", List.of(), 0, 0x40, 0x4F)).containsExactly(0x40, 0x41);
        assertThatThrownBy(() -> s.integers("pins", List.of(), 8, 0, 53)).isInstanceOf(ConfigException.class)
                .hasMessage("node.conf line 1: pins = '4, 5,6': expected 8 comma-separated whole numbers from 0 to 53");
        assertThatThrownBy(() -> s.integers("bad", List.of(), 0, 0, 53)).isInstanceOf(ConfigException.class);
    }

    @Test
    void wrongTypeIsRefused() {
        Settings s = of("port = eighteen\n");
        assertThatThrownBy(() -> s.integer("port", 1883, 1, 65535))
                .isInstanceOf(ConfigException.class)
                .hasMessage("node.conf line 1: port = 'eighteen': expected a whole number from 1 to 65535");
    }

    @Test
    void missingRequiredKeyNamesTheFile() {
        Settings s = of("# empty\n");
        assertThatThrownBy(() -> s.id("site"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("node.conf: site = (missing): expected an id")
                .hasMessageEndingWith("this key is required");
    }

    @Test
    void unknownKeyIsRefusedAndKnownKeysAreListed() {
        Settings s = of("site = a\nsitee = b\n");
        s.id("site");
        assertThatThrownBy(s::rejectUnknownKeys)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("node.conf line 2: sitee = 'b'")
                .hasMessageContaining("known keys: site");
    }

    @Test
    void commandLineOverridesTheFileAndIsNamedAsTheSource() {
        Settings s = of("broker.url = tcp://a:1883\n").override("broker.url", "nonsense");
        assertThatThrownBy(() -> s.brokerUri("broker.url", null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("command line: broker.url = 'nonsense'");
    }

    @Test
    void invalidIdIsRefused() {
        Settings s = of("node = Well_01\n");
        assertThatThrownBy(() -> s.id("node")).isInstanceOf(ConfigException.class).hasMessageContaining("Well_01");
    }

    @Test
    void sizeOverflowIsRefusedNotWrapped() {
        Settings s = of("max = 99999999999999999GiB\n");
        assertThatThrownBy(() -> s.bytes("max", 1, 1, Long.MAX_VALUE)).isInstanceOf(ConfigException.class);
    }

    @Test
    void humanDurations() {
        assertThat(Settings.human(Duration.ofMinutes(2))).isEqualTo("2min");
        assertThat(Settings.human(Duration.ofSeconds(5400))).isEqualTo("1h30min");
        assertThat(Settings.human(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
