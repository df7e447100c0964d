package io.waypoint.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.drivers.button.Press;
import io.waypoint.sim.site.KioskSite;
import io.waypoint.sim.site.SiteRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk's hardware opened on the simulated kiosk board, watched through the site's record. */
class KioskHardwareTest {
    private static final KioskHardware.Inputs NO_INPUTS = new KioskHardware.Inputs() {
        @Override
        public void callButton(Press press, Instant at) {
        }

        @Override
        public void languageButton(Press press, Instant at) {
        }

        @Override
        public void key(char key, Press press, Instant at) {
        }
    };

    @TempDir
    Path dir;

    @Test
    void everyRelayIsDrivenOffBeforeAnyOtherPartIsTouched() throws Exception {
        KioskConfig c = KioskConfig.from(KioskConfig.COMMAND_LINE.parse("--broker", "tcp://127.0.0.1:1883", "--site", "la-gloria",
                "--node", "kiosk-relays", "--hal", "sim", "--speed", "1", "--data", dir.resolve("data").toString()));
        Path record = dir.resolve("record");
        System.setProperty(SiteRecord.DIRECTORY, record.toString());
        try {
            KioskHardware.open(c, NO_INPUTS).close();
        } finally {
            System.clearProperty(SiteRecord.DIRECTORY);
            KioskSite.byId("kiosk-relays").ifPresent(KioskSite::close);
        }
        // a relay a killed controller left closed is opened before an I2C chip, a button or the keypad is opened:
        // a part that fails to open cannot leave a port powered
        List<SiteRecord.Line> actions = SiteRecord.read(record).stream().filter(l -> l.is("out") || l.is("opened")).toList();
        assertThat(actions.subList(0, 8)).extracting(SiteRecord.Line::event).containsExactly(
                "out 4 low port 1 relay", "out 5 low port 2 relay", "out 6 low port 3 relay", "out 12 low port 4 relay",
                "out 13 low port 5 relay", "out 16 low port 6 relay", "out 19 low port 7 relay", "out 20 low port 8 relay");
        assertThat(actions.get(8).event()).startsWith("opened i2c 1 0x40");
    }
}
