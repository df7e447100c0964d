package io.waypoint.gateway.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.Severity;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SmsTextTest {
    /** What the kiosk's modem driver accepts: one SMS of characters every modem's text mode passes unchanged. */
    private static final Pattern MODEM_SAFE = Pattern.compile("[A-Za-z0-9 !\"#%&'()*+,\\-./:;<=>?_]{1,160}");

    @Test
    void accentsAreDroppedBracketsBecomeParenthesesAndOtherCharactersSpaces() {
        assertThat(SmsText.fit("Agua no potable en el pozo de Tecún Umán [well-01] {x} ~ @ $ 5°C\n ok"))
                .isEqualTo("Agua no potable en el pozo de Tecun Uman (well-01) (x) 5 C ok");
    }

    @Test
    void aLongTextIsCutToOneSmsEndingInDots() {
        String fitted = SmsText.fit("x".repeat(200));
        assertThat(fitted).hasSize(160).endsWith("...");
        assertThat(SmsText.fit("y".repeat(160))).isEqualTo("y".repeat(160));
    }

    @Test
    void everyAlertTextTheModemAccepts() {
        Instant t = Instant.parse("2026-11-27T09:30:00Z");
        Alert a = new Alert("battery_low.kiosk-03", "san-jose-del-pacifico", "kiosk-03", "battery_low", Severity.CRITICAL,
                AlertState.ESCALATED, t, t, 10.9, "Batería baja en kiosk-03: 10,9 V < 11,1 V desde hace 30 min — "
                + "los puertos de carga están apagados; revise el regulador y las conexiones del banco de baterías".repeat(2), null);
        String text = SmsText.of(a);
        assertThat(text).matches(MODEM_SAFE).startsWith("san-jose-del-pacifico CRITICAL, not acknowledged 09:30Z: Bateria baja");
        assertThat(SmsText.summary("la-gloria", 1, t, 5)).matches(MODEM_SAFE).contains("1 more critical alert since");
        assertThat(SmsText.fit("   ")).isEqualTo("(alert)");
    }
}
