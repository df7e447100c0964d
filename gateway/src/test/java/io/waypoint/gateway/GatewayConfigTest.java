package io.waypoint.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.config.ConfigException;
import io.waypoint.config.ConfigFile;
import io.waypoint.config.Settings;
import io.waypoint.gateway.sms.SmsSettings;
import io.waypoint.wire.NodeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's [sms] and [homeassistant] sections. */
class GatewayConfigTest {

    private static GatewayConfig read(String text) {
        return GatewayConfig.from(Settings.of(ConfigFile.parse("gateway.conf", "[broker]\nurl = tcp://localhost:1883\n" + text)));
    }

    @Test
    void withoutKiosksThereIsNoSmsFallbackAndDiscoveryIsOff() {
        GatewayConfig c = read("");
        assertThat(c.sms()).isNull();
        assertThat(c.homeAssistantPrefix()).isNull();
    }

    @Test
    void theSmsSectionNamesAKioskPerSiteTheListTheStateTopicAndTheLimit() {
        SmsSettings sms = read("[sms]\nkiosks = la-gloria/kiosk-01, el-ceibo/kiosk-02\nper_hour = 3\n").sms();
        assertThat(sms.kiosks()).containsExactly(new NodeRef("la-gloria", "kiosk-01"), new NodeRef("el-ceibo", "kiosk-02"));
        assertThat(sms.to()).isEqualTo("staff");
        assertThat(sms.uplinkState()).isEqualTo("$SYS/broker/connection/head-office/state");
        assertThat(sms.perHour()).isEqualTo(3);
    }

    @Test
    void aWrongSmsSettingStopsTheStartNamingKeyValueAndExpectation() {
        assertThatThrownBy(() -> read("[sms]\nkiosks = kiosk-01\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sms.kiosks").hasMessageContaining("SITE/NODE");
        assertThatThrownBy(() -> read("[sms]\nkiosks = la-gloria/kiosk-01, la-gloria/kiosk-02\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("one kiosk per site");
        assertThatThrownBy(() -> read("[sms]\nkiosks = la-gloria/kiosk-01\nper_hour = 0\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sms.per_hour");
        assertThatThrownBy(() -> read("[sms]\nkiosks = la-gloria/kiosk-01\nuplink_state = $SYS/broker/connection/+/state\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("without wildcards");
    }

    @Test
    void discoveryIsOnWithItsPrefixAndABadPrefixIsRefused() {
        assertThat(read("[homeassistant]\ndiscovery = true\n").homeAssistantPrefix()).isEqualTo("homeassistant");
        assertThat(read("[homeassistant]\ndiscovery = true\nprefix = ha/site\n").homeAssistantPrefix()).isEqualTo("ha/site");
        for (String bad : List.of("ha/#", "/ha", "ha//x")) {
            assertThatThrownBy(() -> read("[homeassistant]\ndiscovery = true\nprefix = " + bad + "\n"))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("homeassistant.prefix");
        }
    }
}
