package io.waypoint.drivers.modem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.waypoint.drivers.modem.ModemOnPty.QUICK;
import static org.awaitility.Awaitility.await;

import io.waypoint.sim.serial.modem.FarEnd;
import io.waypoint.sim.serial.modem.ModemBehaviour;
import io.waypoint.sim.serial.modem.SimulatedModem;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Text-mode SMS through jssc and a pseudo-terminal against the simulated modem, beside the free calls. */
class SmsTest {
    private static final String STAFF = "+34600123789";
    private static final String TEXT = "CRITICAL la-gloria: Water unsafe at well-01: turbidity 7.2 NTU above 5 NTU for 2 min";

    @RegisterExtension
    final ModemOnPty.Lines lines = new ModemOnPty.Lines();
    private ModemOnPty line;

    private static SmsResult outcome(CompletableFuture<SmsResult> result) throws Exception {
        return result.get(ModemOnPty.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void anSmsGoesInTextModeWithItsTextAtThePrompt() throws Exception {
        line = lines.ready(QUICK);
        SmsResult result = outcome(line.modem.sendSms(STAFF, TEXT));
        assertThat(result).isEqualTo(new SmsResult.Sent(1));
        assertThat(line.sim.sentSms()).singleElement().satisfies(s -> {
            assertThat(s.number()).isEqualTo(STAFF);
            assertThat(s.text()).isEqualTo(TEXT);
            assertThat(s.duringCall()).isFalse();
        });
        assertThat(line.sim.commands()).containsSubsequence("AT+CMGF=1", "AT+CMGS=\"" + STAFF + "\"");
        // the text went as the body after the prompt, never as a command line
        assertThat(line.sim.commands()).noneMatch(c -> c.contains("turbidity"));
    }

    @Test
    void severalSmsGoOneAfterTheOtherEachWithItsOwnReference() throws Exception {
        line = lines.ready(QUICK);
        CompletableFuture<SmsResult> first = line.modem.sendSms(STAFF, "first");
        CompletableFuture<SmsResult> second = line.modem.sendSms("+50255509876", "second");
        assertThat(outcome(first)).isEqualTo(new SmsResult.Sent(1));
        assertThat(outcome(second)).isEqualTo(new SmsResult.Sent(2));
        assertThat(line.sim.sentSms()).extracting(SimulatedModem.SentSms::number, SimulatedModem.SentSms::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(STAFF, "first"),
                        org.assertj.core.groups.Tuple.tuple("+50255509876", "second"));
    }

    @Test
    void anSmsTheNetworkRefusesFailsAndTheNextStillGoes() throws Exception {
        line = lines.ready(QUICK);
        line.sim.failNextSms(1);
        SmsResult refused = outcome(line.modem.sendSms(STAFF, "refused"));
        assertThat(refused).isInstanceOf(SmsResult.Failed.class);
        assertThat(((SmsResult.Failed) refused).reason()).contains("AT+CMGS").doesNotContain(STAFF);
        assertThat(outcome(line.modem.sendSms(STAFF, "accepted"))).isInstanceOf(SmsResult.Sent.class);
        assertThat(line.sim.sentSms()).extracting(SimulatedModem.SentSms::text).containsExactly("accepted");
    }

    @Test
    void anSmsWaitsForTheCallInProgressAndNeverCutsIt() throws Exception {
        line = lines.ready(QUICK.withFarEnd(FarEnd.answersAndHangsUp(Duration.ofMillis(200), Duration.ofMillis(1_500))));
        line.modem.dial("+34911222333", Duration.ofMinutes(3));
        await().atMost(ModemOnPty.PATIENCE).until(() -> line.sim.callsInProgress() == 1);
        CompletableFuture<SmsResult> sms = line.modem.sendSms(STAFF, TEXT);
        CallEvent.Ended ended = line.awaitEnded(0);
        assertThat(ended.result()).as("the call was talked to its end").isEqualTo(CallResult.ANSWERED);
        assertThat(ended.talked()).isGreaterThanOrEqualTo(Duration.ofMillis(1_200));
        assertThat(outcome(sms)).isInstanceOf(SmsResult.Sent.class);
        assertThat(line.sim.sentSms()).singleElement().satisfies(s -> assertThat(s.duringCall()).isFalse());
        assertThat(sms.isDone()).isTrue();
    }

    @Test
    void aModemThatNeverPromptsFailsTheSmsAndIsLeftUsable() throws Exception {
        line = lines.ready(QUICK);
        // a modem in PDU mode answers AT+CMGS="..." with ERROR: here every SMS is refused at the prompt stage
        line.sim.update(b -> b.withRegistration(ModemBehaviour.Registration.SEARCHING));
        SmsResult r = outcome(line.modem.sendSms(STAFF, TEXT));
        assertThat(r).isInstanceOf(SmsResult.Failed.class);
        assertThat(line.sim.sentSms()).isEmpty();
    }

    @Test
    void refusesATextThatIsNotOneSmsOfPlainCharactersWithoutRepeatingIt() throws Exception {
        line = lines.ready(QUICK);
        String tooLong = "x".repeat(161);
        assertThatThrownBy(() -> line.modem.sendSms(STAFF, tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("161 characters").hasMessageNotContaining(tooLong);
        assertThatThrownBy(() -> line.modem.sendSms(STAFF, "agua [no] potable")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("potable");
        assertThatThrownBy(() -> line.modem.sendSms(STAFF, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> line.modem.sendSms("*#21#", "ok")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("*#21#");
        assertThat(line.modem.sendSms(STAFF, "x".repeat(160)).get(15, TimeUnit.SECONDS)).isInstanceOf(SmsResult.Sent.class);
    }
}
