package io.waypoint.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.config.ConfigException;
import io.waypoint.config.ConfigFile;
import io.waypoint.config.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaffNumbersTest {

    @Test
    void aMaskedNumberShowsOnlyItsFirstAndLastThreeCharacters() {
        assertThat(StaffNumbers.mask("+34600123789")).isEqualTo("+34******789");
        assertThat(StaffNumbers.mask("0600123")).isEqualTo("060*123");
        assertThat(StaffNumbers.mask("112")).isEqualTo("***");
        assertThat(new StaffNumbers("staff", List.of("+34600123789", "+50255501234")).toString())
                .doesNotContain("600123789", "55501234").contains("+34******789", "+50******234");
    }

    @Test
    void theKioskConfigTakesTheStaffNumbersAndAWrongOneStopsItWithoutShowingAnyInFull() {
        KioskConfig ok = KioskConfig.from(settings("[sms]\nstaff = +34600123789, +50255501234\n"));
        assertThat(ok.smsStaff().numbers()).containsExactly("+34600123789", "+50255501234");
        assertThat(KioskConfig.from(settings("")).smsStaff().numbers()).isEmpty();

        assertThatThrownBy(() -> KioskConfig.from(settings("[sms]\nstaff = +34600123789, 50255*01234\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sms.staff").hasMessageContaining("+34******789").hasMessageContaining("phone numbers")
                .hasMessageNotContaining("600123789").hasMessageNotContaining("5501234");
    }

    private static Settings settings(String text) {
        return Settings.of(ConfigFile.parse("kiosk.conf", "site = la-gloria\nnode = kiosk-01\n[broker]\nurl = tcp://localhost:1883\n" + text));
    }
}
