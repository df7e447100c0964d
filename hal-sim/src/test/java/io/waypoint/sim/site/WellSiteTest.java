package io.waypoint.sim.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.sim.board.SimBoards;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WellSiteTest {
    @Test
    void aWellBoardIsFoundByNameAndWiredAsAWellNodeExpects() {
        var board = SimBoards.create(Map.of(SimBoards.BOARD_PROPERTY, "well", WellSite.SCENARIO, "normal-day",
                WellSite.SITE_ID, "site-test", SimBoards.SPEED_PROPERTY, "60"));
        try (WellSite site = WellSite.byId("site-test").orElseThrow()) {
            assertThat(site.board()).isSameAs(board);
            assertThat(board.i2cDevice(WellSite.I2C_BUS, WellSite.ADS1115_ADDRESS)).isPresent();
            assertThat(board.output(WellSite.DO_NOT_DRINK_PIN).part()).isEqualTo("do-not-drink light");
            assertThat(site.probe()).isEmpty();
            // the run lies in the real clock's past, as a gateway requires
            assertThat(site.world().start()).isBefore(java.time.Instant.now());
            assertThat(System.getProperty(WellSite.WORLD_START)).isEqualTo(site.world().start().toString());
        }
    }

    @Test
    void aModbusSiteHandsItsProbePortToTheNode() {
        SimBoards.create(Map.of(SimBoards.BOARD_PROPERTY, "well", WellSite.TURBIDITY, "sen0710", WellSite.SITE_ID, "probe-test"));
        try (WellSite site = WellSite.byId("probe-test").orElseThrow()) {
            assertThat(site.probe()).isPresent();
            assertThat(System.getProperty(WellSite.PROBE_PORT)).isEqualTo(site.probe().get().driverPort()).startsWith("/dev/pts/");
        }
    }

    @Test
    void anUnknownSensorKindIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> SimBoards.create(Map.of(SimBoards.BOARD_PROPERTY, "well", WellSite.TURBIDITY, "laser")))
                .hasMessageContaining("waypoint.sim.turbidity = 'laser': expected analog, sen0710 or y511");
    }

    @Test
    void theTechnicianCanHoldTheSensorInAStandard() {
        SimBoards.create(Map.of(SimBoards.BOARD_PROPERTY, "well", WellSite.SITE_ID, "standard-test"));
        try (WellSite site = WellSite.byId("standard-test").orElseThrow()) {
            assertThatThrownBy(() -> site.immerseSensorInStandard(-1)).isInstanceOf(IllegalArgumentException.class);
            site.immerseSensorInStandard(10);
            site.returnSensorToWell();
        }
    }
}
