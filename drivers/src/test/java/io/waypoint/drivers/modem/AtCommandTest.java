package io.waypoint.drivers.modem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AtCommandTest {
    private static final Duration T = Duration.ofSeconds(1);

    @Test
    void aDialCommandIsAVoiceCallToTheNumber() {
        AtCommand atd = AtCommand.dial("+34911222333", T);
        assertThat(new String(atd.bytes(), StandardCharsets.US_ASCII)).isEqualTo("ATD+34911222333;\r");
        assertThat(AtCommand.dial("112", T).bytes()).asString(StandardCharsets.US_ASCII).isEqualTo("ATD112;\r");
    }

    @Test
    void aDialCommandNeverShowsItsNumber() {
        AtCommand atd = AtCommand.dial("+34911222333", T);
        assertThat(atd.toString()).isEqualTo("ATD<number>;").doesNotContain("34911");
    }

    @Test
    void refusesAnythingButDigitsAfterAnOptionalPlusWithoutRepeatingIt() {
        for (String bad : new String[] {"*#06#", "+3491*21#", "##002#", "+34 911", "0034911;H", "34911P1", "++34", "",
                "+", "123456789012345678901", "٣٤٥"}) {
            assertThatThrownBy(() -> AtCommand.dial(bad, T)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> {
                        if (bad.length() > 1) {
                            assertThat(e.getMessage()).doesNotContain(bad);
                        }
                    });
        }
        assertThatThrownBy(() -> AtCommand.dial(null, T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCommandIsAnsweredOnlyByItsOwnInformation() {
        AtCommand csq = AtCommand.of(AtCommand.Kind.SIGNAL, T);
        assertThat(csq.answeredBy(new AtLine.SignalQuality(10, 0))).isTrue();
        assertThat(csq.answeredBy(new AtLine.Registration(1))).isFalse();
        assertThat(AtCommand.of(AtCommand.Kind.PROBE, T).answeredBy(new AtLine.SignalQuality(10, 0))).isFalse();
        assertThat(new String(csq.bytes(), StandardCharsets.US_ASCII)).isEqualTo("AT+CSQ\r");
    }

    @Test
    void aDialCommandNeedsANumber() {
        assertThatThrownBy(() -> AtCommand.of(AtCommand.Kind.DIAL, T)).isInstanceOf(IllegalArgumentException.class);
    }
}
