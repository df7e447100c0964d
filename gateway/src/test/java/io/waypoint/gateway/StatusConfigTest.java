package io.waypoint.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.config.ConfigException;
import io.waypoint.config.ConfigFile;
import io.waypoint.config.Settings;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The status page's keys: {@code [status] bind} and {@code hosts}. */
class StatusConfigTest {
    static GatewayConfig config(String text) {
        return GatewayConfig.from(Settings.of(ConfigFile.parse("gateway.conf", "[broker]\nurl = tcp://127.0.0.1:1883\n" + text)));
    }

    @Test
    void thePageIsOffUnlessBound() {
        assertThat(config("").statusBind()).isNull();
    }

    @Test
    void anAddressAndPortBindThePageAndNamesMayBeAdded() {
        GatewayConfig c = config("[status]\nbind = 192.168.4.1:8080\nhosts = GW.la-gloria.lan, status.local\n");
        assertThat(c.statusBind()).isEqualTo(new InetSocketAddress("192.168.4.1", 8080));
        assertThat(c.statusHosts()).containsExactlyInAnyOrder("gw.la-gloria.lan", "status.local");
        assertThat(config("[status]\nbind = [::1]:8081\n").statusBind().getPort()).isEqualTo(8081);
        assertThat(GatewayConfig.from(GatewayConfig.COMMAND_LINE.parse("--broker", "tcp://127.0.0.1:1883", "--status", "127.0.0.1:9090"))
                .statusBind()).isEqualTo(new InetSocketAddress("127.0.0.1", 9090));
    }

    @Test
    void aBadAddressNamesTheKeyTheValueAndWhatIsExpected() {
        for (String bad : new String[] {"8080", "gw.example:8080", "127.0.0.1:0", "127.0.0.1:70000", "300.1.1.1:80", "127.0.0.1"}) {
            assertThatThrownBy(() -> config("[status]\nbind = " + bad + "\n")).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("status.bind = '" + bad + "'").hasMessageContaining("like 127.0.0.1:8080");
        }
        assertThatThrownBy(() -> config("[status]\nbind = 127.0.0.1:8080\nhosts = evil/x\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("status.hosts");
    }

    @Test
    void aPortInUseStopsTheStartNamingTheKeyAndTheAddress(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
             io.waypoint.time.Scheduler scheduler = io.waypoint.time.Scheduler.system("status-config-test")) {
            GatewayConfig c = GatewayConfig.from(Settings.of(ConfigFile.parse("gateway.conf", "[broker]\nurl = tcp://127.0.0.1:1\n"
                    + "[data]\ndir = " + dir + "\n[status]\nbind = 127.0.0.1:" + taken.getLocalPort() + "\n")));
            assertThatThrownBy(() -> Gateway.start(c, scheduler)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("status.bind = '127.0.0.1:" + taken.getLocalPort() + "'")
                    .hasMessageContaining("a free port");
        }
    }
}
