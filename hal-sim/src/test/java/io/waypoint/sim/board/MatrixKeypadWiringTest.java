package io.waypoint.sim.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MatrixKeypadWiringTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    private static final int[] ROWS = {5, 6, 13, 19};
    private static final int[] COLUMNS = {12, 16, 20};

    private record Seen(int column, Instant at, boolean high) {}

    private final ManualScheduler time = new ManualScheduler(T0);
    private final MatrixKeypadWiring keypad = new MatrixKeypadWiring(MatrixKeypadWiring.PHONE, ROWS, COLUMNS);
    private final SimBoard board = keypad.wire(SimBoard.builder(time)).build();
    private final List<SimBoard.InputHandle> columns = new ArrayList<>();
    private final List<Seen> seen = new ArrayList<>();

    @BeforeEach
    void openColumns() {
        keypad.attach(board);
        for (int c = 0; c < COLUMNS.length; c++) {
            int column = c;
            columns.add(board.openInput(COLUMNS[c], true, Duration.ZERO,
                    (at, high) -> seen.add(new Seen(column, at, high))));
        }
    }

    private void drive(int... lowRows) {
        for (int r = 0; r < ROWS.length; r++) {
            int row = r;
            board.driveOutput(ROWS[r], java.util.Arrays.stream(lowRows).noneMatch(x -> x == row));
        }
    }

    private boolean[] columnsHigh() {
        boolean[] out = new boolean[COLUMNS.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = columns.get(c).high();
        }
        return out;
    }

    @Test
    void aHeldKeyPullsItsColumnLowOnlyWhileItsRowIsDrivenLowAndAtOnce() {
        drive();
        keypad.press('5', T0.plusMillis(10), Duration.ofMillis(120));
        time.advance(Duration.ofMillis(20));
        assertThat(columnsHigh()).containsExactly(true, true, true);

        drive(1);
        assertThat(columnsHigh()).as("row of 4 5 6 low, no time passed").containsExactly(true, false, true);
        drive(0);
        assertThat(columnsHigh()).containsExactly(true, true, true);
        time.advance(Duration.ofMillis(200));
        drive(1);
        assertThat(columnsHigh()).as("after the release").containsExactly(true, true, true);
    }

    @Test
    void withEveryRowLowAPressReachesItsColumnAtItsInstant() {
        drive(0, 1, 2, 3);
        seen.clear();
        keypad.press('9', T0.plusMillis(12), Duration.ofMillis(120));

        time.advance(Duration.ofMillis(200));

        assertThat(seen).containsExactly(new Seen(2, T0.plusMillis(12), false), new Seen(2, T0.plusMillis(132), true));
    }

    @Test
    void threeKeysAtTheCornersOfARectangleShowTheFourth() {
        keypad.press('1', T0, Duration.ofSeconds(1));
        keypad.press('2', T0, Duration.ofSeconds(1));
        keypad.press('4', T0, Duration.ofSeconds(1));
        time.advance(Duration.ofMillis(10));

        drive(1);

        assertThat(columnsHigh()).as("4 and the ghost 5").containsExactly(false, false, true);
    }

    @Test
    void aPersonTypesAPlusAsALongZero() {
        drive(3);
        Instant done = keypad.type("+0", T0.plusMillis(5), MatrixKeypadWiring.Typing.STEADY);
        time.advance(Duration.ofSeconds(3));

        assertThat(done).isEqualTo(T0.plusMillis(5 + 1500 + 150 + 120));
        assertThat(seen).containsExactly(new Seen(1, T0.plusMillis(5), false), new Seen(1, T0.plusMillis(1505), true),
                new Seen(1, T0.plusMillis(1655), false), new Seen(1, T0.plusMillis(1775), true));
    }

    @Test
    void aPersonPressesLiveAtTheClocksNow() {
        drive(0, 1, 2, 3);
        time.advance(Duration.ofMillis(50));

        keypad.down('#');
        time.advance(Duration.ofMillis(100));
        assertThat(columnsHigh()).containsExactly(true, true, false);
        keypad.up('#');
        time.advance(Duration.ofMillis(10));

        assertThat(columnsHigh()).containsExactly(true, true, true);
        assertThat(seen).extracting(Seen::high).containsExactly(false, true);
    }

    @Test
    void aKeyNotOnTheKeypadIsRefused() {
        assertThatThrownBy(() -> keypad.press('A', T0, Duration.ofMillis(100))).hasMessageContaining("no key 'A'");
    }
}
