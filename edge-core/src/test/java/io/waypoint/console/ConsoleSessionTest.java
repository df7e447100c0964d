package io.waypoint.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Live views on a manual scheduler: they tick with scheduler time and stop on the next line. */
class ConsoleSessionTest {
    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-27T08:30:00Z"));
    private final ExampleWell well = new ExampleWell(scheduler);
    private final StringBuilder screen = new StringBuilder();
    private final ConsoleSession session = well.shell.open("serial /dev/ttyUSB0", screen::append);

    private String take() {
        String s = screen.toString();
        screen.setLength(0);
        return s;
    }

    @Test
    void aLiveViewShowsItsHeadingAndALineAtOnceThenOneEveryPeriod() {
        session.start();
        take();

        session.accept("readings");
        assertThat(take()).isEqualTo("turbidity    flow\n(press Enter to stop)\n"
                + "turbidity 0.8 NTU  flow 12.0 L/min  #1\n");

        well.turbidity = 3.2;
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(take()).isEqualTo("turbidity 3.2 NTU  flow 12.0 L/min  #2\nturbidity 3.2 NTU  flow 12.0 L/min  #3\n");
        assertThat(session.live()).isTrue();
    }

    @Test
    void enterStopsTheLiveViewAndNothingMoreIsShown() {
        session.accept("readings");
        take();

        session.accept("");

        assertThat(take()).isEqualTo("Stopped.\nwell-01> ");
        assertThat(session.live()).isFalse();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(take()).isEmpty();
        assertThat(well.readingsTaken).hasValue(1);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void anyLineStopsTheLiveViewWithoutRunningSoThereIsNeverASecondOne() {
        session.accept("readings");
        take();

        session.accept("readings");
        assertThat(take()).isEqualTo("Stopped.\nwell-01> ");
        session.accept("calibrate turbidity 4");
        assertThat(take()).isEqualTo("Calibration point added: 4.0 NTU.\nwell-01> ");

        session.accept("readings");
        session.accept("status");
        assertThat(scheduler.pending()).isZero();
        session.accept("readings");
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    @Test
    void aPartFailingDuringALiveViewEndsItWithWhatToDo() {
        session.accept("readings");
        take();
        well.sensorUnplugged = true;

        scheduler.advance(Duration.ofSeconds(2));

        assertThat(take()).isEqualTo("Problem: turbidity sensor (no answer)\nWhat to do: check the sensor cable\nwell-01> ");
        assertThat(session.live()).isFalse();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aLiveViewThatFailsAtOnceNeverStartsTicking() {
        well.sensorUnplugged = true;

        session.accept("readings");

        assertThat(take()).endsWith("Problem: turbidity sensor (no answer)\nWhat to do: check the sensor cable\nwell-01> ");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void ctrlCStopsALiveViewOrAbandonsTheLine() {
        session.accept("readings");
        take();

        session.interrupt();
        assertThat(take()).isEqualTo("\nStopped.\nwell-01> ");
        session.interrupt();
        assertThat(take()).isEqualTo("\nwell-01> ");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void closingTheSessionStopsTheLiveViewAndSilencesIt() {
        session.accept("readings");
        take();

        session.close();
        scheduler.advance(Duration.ofMinutes(1));
        session.accept("status");

        assertThat(take()).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void eachConsoleHasItsOwnLiveView() {
        StringBuilder other = new StringBuilder();
        ConsoleSession second = well.shell.open("stdin", other::append);
        session.accept("readings");
        second.accept("readings");

        session.accept("");
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(session.live()).isFalse();
        assertThat(second.live()).isTrue();
        assertThat(other.toString()).endsWith("#3\n");
    }
}
