package io.waypoint.drivers.button;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.chip.kiosk.PushButton;
import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver against an emulated push button on a simulated GPIO, through Pi4J. */
class ButtonTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    private static final int PIN = 26;

    private record Event(Press press, Instant at) {}

    private final ManualScheduler time = new ManualScheduler(T0);
    private final PushButton person = new PushButton(time.clock());
    private final SimBoard board = SimBoard.builder(time).input(PIN, person).build();
    private final Context pi4j = SimBoards.pi4jContext(board);
    private final HoldTimer timer = (delay, task) -> time.schedule(delay, task)::cancel;
    private final List<Event> events = new ArrayList<>();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
        board.close();
    }

    private Button button() {
        return Button.open(pi4j, PIN, "call button", Button.Settings.DEFAULTS, time.clock(), timer,
                (press, at) -> events.add(new Event(press, at)));
    }

    private List<Press> presses() {
        return events.stream().map(Event::press).toList();
    }

    @Test
    void aPressIsDownThenUpEachAfterTheDebounce() {
        Button button = button();
        person.press(T0.plusMillis(100), Duration.ofMillis(300));

        time.advance(Duration.ofMillis(200));
        assertThat(button.isDown()).isTrue();
        time.advance(Duration.ofMillis(300));

        assertThat(presses()).containsExactly(Press.DOWN, Press.UP);
        // 30 ms of debounce, then the board's next delivery (every 5 ms)
        assertThat(events.get(0).at()).isBetween(T0.plusMillis(130), T0.plusMillis(135));
        assertThat(events.get(1).at()).isBetween(T0.plusMillis(430), T0.plusMillis(435));
        assertThat(button.isDown()).isFalse();
    }

    @Test
    void bouncingContactsMakeOnePress() {
        button();
        person.press(T0.plusMillis(100), Duration.ofMillis(300), Duration.ofMillis(8));

        time.advance(Duration.ofSeconds(1));

        assertThat(presses()).containsExactly(Press.DOWN, Press.UP);
    }

    @Test
    void aBlipShorterThanTheDebounceIsNoPress() {
        button();
        person.press(T0.plusMillis(100), Duration.ofMillis(20));

        time.advance(Duration.ofSeconds(1));

        assertThat(events).isEmpty();
    }

    @Test
    void aLongPressArrivesWhileTheButtonIsStillHeld() {
        button();
        person.press(T0.plusMillis(100), Duration.ofSeconds(3));

        time.advance(Duration.ofMillis(2200));
        assertThat(presses()).containsExactly(Press.DOWN, Press.LONG);
        time.advance(Duration.ofSeconds(2));

        assertThat(presses()).containsExactly(Press.DOWN, Press.LONG, Press.UP);
        assertThat(Duration.between(events.get(0).at(), events.get(1).at())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aShortPressIsNeverLongEvenIfTheNextOneIsHeld() {
        button();
        person.press(T0.plusMillis(100), Duration.ofMillis(500));
        person.press(T0.plusMillis(1900), Duration.ofMillis(500));

        time.advance(Duration.ofSeconds(5));

        assertThat(presses()).containsExactly(Press.DOWN, Press.UP, Press.DOWN, Press.UP);
    }

    @Test
    void aPersonPressingLiveIsHeardToo() {
        button();
        time.advance(Duration.ofMillis(50));

        person.down();
        time.advance(Duration.ofMillis(100));
        person.up();
        time.advance(Duration.ofMillis(100));

        assertThat(presses()).containsExactly(Press.DOWN, Press.UP);
    }

    @Test
    void aButtonHeldAsItIsOpenedIsIgnoredUntilLetGo() {
        person.press(T0.plusMillis(10), Duration.ofMillis(500));
        person.press(T0.plusMillis(800), Duration.ofMillis(100));
        time.advance(Duration.ofMillis(100));
        button();

        time.advance(Duration.ofSeconds(1));

        assertThat(presses()).containsExactly(Press.DOWN, Press.UP);
        assertThat(events.get(0).at()).isAfter(T0.plusMillis(800));
    }

    @Test
    void closingStopsTheEvents() {
        Button button = button();
        person.press(T0.plusMillis(100), Duration.ofMillis(300));
        time.advance(Duration.ofMillis(200));

        button.close();
        time.advance(Duration.ofSeconds(3));

        assertThat(presses()).containsExactly(Press.DOWN);
    }

    @Test
    void aPinInUseIsReportedWithThePartAndPin() {
        button();

        assertThatThrownBy(() -> Button.open(pi4j, PIN, "language button", Button.Settings.DEFAULTS, time.clock(),
                timer, (p, at) -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("language button on GPIO 26: the pin cannot be opened");
    }

    @Test
    void aLongPressNoLongerThanTheDebounceIsRefused() {
        assertThatThrownBy(() -> new Button.Settings(Duration.ofMillis(30), Duration.ofMillis(30)))
                .hasMessageContaining("must be longer than the debounce");
    }
}
