package io.waypoint.kiosk.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DialRulesTest {
    private final DialRules rules = DialRules.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"0034612345678", "+34612345678", "50212345678", "123", "0000000000000000"})
    void digitsWithAnOptionalLeadingPlusAreAllowed(String number) {
        assertThat(rules.check(number)).isEqualTo(NumberCheck.ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*#06#", "*100#", "#21#", "**21*123456#", "12a4567", "+34 612 345", "1+2345",
            "++34612", "+", "", "١٢٣٤٥", "0034612345678;"})
    void networkCodesLettersAndAnythingButDigitsAreRefused(String number) {
        assertThat(rules.check(number)).isEqualTo(NumberCheck.NOT_DIGITS);
        assertThat(rules.check(number).allowed()).isFalse();
    }

    @Test
    void tooFewOrTooManyDigitsAreRefused() {
        assertThat(rules.check("12")).isEqualTo(NumberCheck.TOO_SHORT);
        assertThat(rules.check("+12")).isEqualTo(NumberCheck.TOO_SHORT);
        assertThat(rules.check("1234567890123456")).isEqualTo(NumberCheck.ALLOWED);
        assertThat(rules.check("12345678901234567")).isEqualTo(NumberCheck.TOO_LONG);
        assertThat(rules.check("+12345678901234567")).isEqualTo(NumberCheck.TOO_LONG);
    }

    @Test
    void everyDefaultEmergencyNumberIsAnEmergency() {
        for (String n : List.of("112", "911", "999", "000", "110", "118", "119", "190", "192", "193", "100", "101",
                "102")) {
            assertThat(rules.check(n)).as(n).isEqualTo(NumberCheck.EMERGENCY);
        }
        assertThat(rules.check("+112")).isEqualTo(NumberCheck.ALLOWED); // a + starts an international number
        assertThat(rules.check("1120")).isEqualTo(NumberCheck.ALLOWED);
        assertThat(rules.shownEmergencyNumber()).isEqualTo("112");
    }

    @Test
    void aShortEmergencyNumberIsAllowedBelowTheMinimumLength() {
        DialRules withEight = new DialRules(List.of("08", "112"), 3, 16);
        assertThat(withEight.check("08")).isEqualTo(NumberCheck.EMERGENCY);
        assertThat(rules.check("08")).isEqualTo(NumberCheck.TOO_SHORT);
    }

    @Test
    void aSitePutsItsCountrysNumberFirstForThePanel() {
        DialRules colombia = rules.withEmergencyFirst("123");
        assertThat(colombia.shownEmergencyNumber()).isEqualTo("123");
        assertThat(colombia.check("123")).isEqualTo(NumberCheck.EMERGENCY);
        assertThat(colombia.emergencyNumbers()).startsWith("123", "112").doesNotHaveDuplicates();
    }

    @Test
    void refusesEmergencyNumbersThatAreNotShortDigitStrings() {
        assertThatThrownBy(() -> new DialRules(List.of("*112#"), 3, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DialRules(List.of("1234567"), 3, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DialRules(List.of(), 3, 16)).isInstanceOf(IllegalArgumentException.class);
    }
}
