package io.waypoint.drivers.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import io.waypoint.sim.board.OutputPin;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IndicatorTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    private final ManualScheduler time = new ManualScheduler(T0);
    private final SimBoard board = SimBoard.builder(time).output(27, "do-not-drink light").output(22, "relay").build();
    private final Context pi4j = SimBoards.pi4jContext(board);

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
        board.close();
    }

    @Test
    void switchesThePinAndTheBoardRecordsWhen() {
        Indicator light = Indicator.open(pi4j, 27, "do-not-drink light", true);
        time.advance(Duration.ofMinutes(3));
        light.on();
        time.advance(Duration.ofMinutes(2));
        light.off();

        assertThat(board.output(27).history()).containsExactly(new OutputPin.Change(T0, false),
                new OutputPin.Change(T0.plusSeconds(180), true), new OutputPin.Change(T0.plusSeconds(300), false));
        assertThat(light.isOn()).isFalse();
        assertThat(light.part()).isEqualTo("do-not-drink light");
    }

    @Test
    void anActiveLowPartIsOnWhenThePinIsLow() {
        Indicator relay = Indicator.open(pi4j, 22, "relay", false);
        assertThat(board.output(22).high()).contains(true);

        relay.on();

        assertThat(board.output(22).high()).contains(false);
        assertThat(relay.isOn()).isTrue();
    }

    @Test
    void closingSwitchesItOff() {
        Indicator light = Indicator.open(pi4j, 27, "do-not-drink light", true);
        light.on();

        light.close();

        assertThat(board.output(27).high()).contains(false);
    }

    @Test
    void aPinInUseIsReportedWithThePartAndPin() {
        Indicator.open(pi4j, 27, "do-not-drink light", true);

        assertThatThrownBy(() -> Indicator.open(pi4j, 27, "pump relay", true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("pump relay on GPIO 27: the pin cannot be opened");
    }
}
