package io.waypoint.sim.chip.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.sim.board.SimBoard;
import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushButtonTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    private record Seen(Instant at, boolean high) {}

    private final ManualScheduler time = new ManualScheduler(T0);
    private final PushButton button = new PushButton(time.clock());
    private final SimBoard board = SimBoard.builder(time).input(26, button).build();
    private final List<Seen> seen = new ArrayList<>();

    @Test
    void aCleanPressIsOneFallAndOneRise() {
        board.openInput(26, true, Duration.ZERO, (at, high) -> seen.add(new Seen(at, high)));
        button.press(T0.plusMillis(100), Duration.ofMillis(300));

        time.advance(Duration.ofSeconds(1));

        assertThat(seen).containsExactly(new Seen(T0.plusMillis(100), false), new Seen(T0.plusMillis(400), true));
    }

    @Test
    void bouncingContactsChatterThenSettle() {
        board.openInput(26, true, Duration.ZERO, (at, high) -> seen.add(new Seen(at, high)));
        button.press(T0.plusMillis(100), Duration.ofMillis(300), Duration.ofMillis(4));

        time.advance(Duration.ofSeconds(1));

        assertThat(seen).extracting(Seen::high).containsExactly(false, true, false, true, false,
                true, false, true, false, true);
        assertThat(seen.get(4).at()).isEqualTo(T0.plusMillis(104));
        assertThat(seen.get(9).at()).isEqualTo(T0.plusMillis(404));
    }

    @Test
    void aButtonToGroundNeedsAPullUp() {
        SimBoard.InputHandle in = board.openInput(26, false, Duration.ZERO, (at, high) -> { });

        assertThat(in.high()).isFalse();
    }

    @Test
    void aPersonPressesLive() {
        SimBoard.InputHandle in = board.openInput(26, true, Duration.ZERO, (at, high) -> { });
        time.advance(Duration.ofMillis(10));

        button.down();
        time.advance(Duration.ofMillis(10));
        assertThat(in.high()).isFalse();
        button.up();
        time.advance(Duration.ofMillis(10));
        assertThat(in.high()).isTrue();
    }

    @Test
    void bounceLongerThanThePressIsRefused() {
        assertThatThrownBy(() -> button.press(T0, Duration.ofMillis(5), Duration.ofMillis(5)))
                .hasMessageContaining("shorter than the press");
    }
}
