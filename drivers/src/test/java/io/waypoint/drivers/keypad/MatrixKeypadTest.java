package io.waypoint.drivers.keypad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import io.waypoint.drivers.button.Press;
import io.waypoint.sim.board.MatrixKeypadWiring;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.time.ManualScheduler;
import io.waypoint.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver against an emulated keypad wired to a simulated board, through Pi4J, scanned every
 * 20 ms by a scheduler as an application scans it. Keys typed here are dialled numbers: nothing in
 * these tests prints them.
 */
class MatrixKeypadTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    private static final int[] ROWS = {5, 6, 13, 19};
    private static final int[] COLUMNS = {12, 16, 20};

    private record Event(char key, Press press, Instant at) {}

    private final ManualScheduler time = new ManualScheduler(T0);
    private final MatrixKeypadWiring person = new MatrixKeypadWiring(MatrixKeypadWiring.PHONE, ROWS, COLUMNS);
    private final SimBoard board = person.wire(SimBoard.builder(time)).build();
    private final List<Event> events = new ArrayList<>();
    private Context pi4j;
    private MatrixKeypad keypad;
    private Scheduler.Task scanning;

    @BeforeEach
    void open() {
        person.attach(board);
        pi4j = SimBoards.pi4jContext(board);
        keypad = MatrixKeypad.open(pi4j, MatrixKeypad.PHONE, ROWS, COLUMNS, MatrixKeypad.Settings.DEFAULTS,
                time.clock(), (key, press, at) -> events.add(new Event(key, press, at)));
        scanning = time.every(Duration.ofMillis(20), Duration.ofMillis(20), keypad::scan);
    }

    @AfterEach
    void shutdown() {
        scanning.cancel();
        keypad.close();
        pi4j.shutdown();
        board.close();
    }

    private List<String> seen() {
        return events.stream().map(e -> e.press() + " " + e.key()).toList();
    }

    /** What a phone's dialler makes of the keys: each key pressed, and a held 0 as +. */
    private String dialled() {
        StringBuilder number = new StringBuilder();
        for (Event e : events) {
            if (e.press() == Press.DOWN) {
                number.append(e.key());
            } else if (e.press() == Press.LONG && e.key() == '0') {
                number.setCharAt(number.length() - 1, '+');
            }
        }
        return number.toString();
    }

    @Test
    void aTypedNumberArrivesAsExactlyThoseKeysInOrder() {
        Instant done = person.type("+50912345678", T0.plusMillis(107), MatrixKeypadWiring.Typing.STEADY);

        time.set(done.plusSeconds(1));

        assertThat(dialled()).isEqualTo("+50912345678");
        assertThat(events).hasSize(12 * 2 + 1);
        assertThat(events.stream().filter(e -> e.press() == Press.LONG)).hasSize(1);
    }

    @Test
    void aQuickTypistIsNotMissed() {
        Instant done = person.type("112", T0.plusMillis(3),
                new MatrixKeypadWiring.Typing(Duration.ofMillis(60), Duration.ofMillis(60), Duration.ofSeconds(2)));

        time.set(done.plusSeconds(1));

        assertThat(dialled()).isEqualTo("112");
    }

    @Test
    void aKeyCountsAfterTwoScansFindIt() {
        person.press('5', T0.plusMillis(25), Duration.ofMillis(120));

        time.advance(Duration.ofMillis(500));

        assertThat(seen()).containsExactly("DOWN 5", "UP 5");
        assertThat(events.get(0).at()).isEqualTo(T0.plusMillis(60)); // found at 40 ms, again at 60 ms
        assertThat(events.get(1).at()).isEqualTo(T0.plusMillis(180)); // gone at 160 ms, still at 180 ms
    }

    @Test
    void aContactThatFlickersAcrossTheScansMakesOnePress() {
        // closed at the scan at 40 ms, open at 60, closed from 80; at the end open at 300, closed at 320
        person.press('7', T0.plusMillis(35), Duration.ofMillis(10));
        person.press('7', T0.plusMillis(75), Duration.ofMillis(225));
        person.press('7', T0.plusMillis(315), Duration.ofMillis(10));

        time.advance(Duration.ofMillis(600));

        assertThat(seen()).containsExactly("DOWN 7", "UP 7");
        assertThat(events.get(0).at()).isEqualTo(T0.plusMillis(100));
        assertThat(events.get(1).at()).isEqualTo(T0.plusMillis(360));
    }

    @Test
    void aBlipSeenByOneScanIsNoPress() {
        person.press('3', T0.plusMillis(35), Duration.ofMillis(10));

        time.advance(Duration.ofMillis(500));

        assertThat(events).isEmpty();
    }

    @Test
    void aLongPressArrivesOnceWhileTheKeyIsHeld() {
        person.press('#', T0.plusMillis(10), Duration.ofMillis(2500));

        time.advance(Duration.ofMillis(1500));
        assertThat(seen()).containsExactly("DOWN #", "LONG #");
        time.advance(Duration.ofSeconds(2));

        assertThat(seen()).containsExactly("DOWN #", "LONG #", "UP #");
        assertThat(Duration.between(events.get(0).at(), events.get(1).at())).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void twoKeysAtOnceAreIgnored() {
        person.press('4', T0.plusMillis(10), Duration.ofMillis(200));
        person.press('6', T0.plusMillis(10), Duration.ofMillis(200));
        person.press('8', T0.plusMillis(500), Duration.ofMillis(120));

        time.advance(Duration.ofSeconds(1));

        assertThat(seen()).containsExactly("DOWN 8", "UP 8");
    }

    @Test
    void aSecondKeyPressedBeforeTheFirstIsLetGoEndsTheFirstAndCountsForNothing() {
        person.press('1', T0.plusMillis(10), Duration.ofMillis(300));
        person.press('2', T0.plusMillis(150), Duration.ofMillis(400));

        time.advance(Duration.ofSeconds(1));

        assertThat(seen()).containsExactly("DOWN 1", "UP 1");
    }

    @Test
    void threeKeysShowingAGhostAreIgnored() {
        for (char k : "124".toCharArray()) {
            person.press(k, T0.plusMillis(10), Duration.ofMillis(300));
        }

        time.advance(Duration.ofSeconds(1));

        assertThat(events).isEmpty();
    }

    @Test
    void aPersonPressingLiveIsHeard() {
        time.advance(Duration.ofMillis(30));

        person.down('0');
        time.advance(Duration.ofMillis(100));
        person.up('0');
        time.advance(Duration.ofMillis(100));

        assertThat(seen()).containsExactly("DOWN 0", "UP 0");
    }

    @Test
    void anIdleKeypadDrivesNoRowAfterOpening() {
        time.advance(Duration.ofMinutes(1));

        for (int row : ROWS) {
            assertThat(board.output(row).history()).as("GPIO %d", row).hasSize(1);
            assertThat(board.output(row).high()).contains(false);
        }
    }

    @Test
    void pinsThatDoNotMatchTheLayoutAreRefused() {
        assertThatThrownBy(() -> MatrixKeypad.open(pi4j, MatrixKeypad.PHONE, new int[] {1, 2, 3}, COLUMNS,
                MatrixKeypad.Settings.DEFAULTS, time.clock(), (k, p, at) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 3 row pins");
    }

    @Test
    void aPinInUseIsReportedWithTheRowOrColumnAndPin() {
        assertThatThrownBy(() -> MatrixKeypad.open(pi4j, List.of("12"), new int[] {21}, new int[] {22, 16},
                MatrixKeypad.Settings.DEFAULTS, time.clock(), (k, p, at) -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("keypad column 2 on GPIO 16: the pin cannot be opened");
    }
}
