package io.waypoint.sim.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebounceFilterTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    private record Out(Instant at, boolean high) {}

    private final List<Out> out = new ArrayList<>();

    private static Instant us(long micros) {
        return T0.plusNanos(micros * 1000);
    }

    @Test
    void reportsALevelOncePeriodAfterItBecameStable() {
        DebounceFilter f = new DebounceFilter(Duration.ofNanos(500_000), true);

        f.edge(us(1000), false, (at, h) -> out.add(new Out(at, h)));
        f.flush(us(1499), (at, h) -> out.add(new Out(at, h)));
        assertThat(out).isEmpty();
        f.flush(us(1500), (at, h) -> out.add(new Out(at, h)));

        assertThat(out).containsExactly(new Out(us(1500), false));
    }

    @Test
    void bounceWithinThePeriodCollapsesIntoOneChange() {
        DebounceFilter f = new DebounceFilter(Duration.ofNanos(500_000), true);

        f.edge(us(1000), false, (at, h) -> out.add(new Out(at, h)));
        f.edge(us(1050), true, (at, h) -> out.add(new Out(at, h)));
        f.edge(us(1120), false, (at, h) -> out.add(new Out(at, h)));
        f.edge(us(1200), true, (at, h) -> out.add(new Out(at, h)));
        f.edge(us(1260), false, (at, h) -> out.add(new Out(at, h)));
        f.edge(us(3000), true, (at, h) -> out.add(new Out(at, h)));
        f.flush(us(10_000), (at, h) -> out.add(new Out(at, h)));

        assertThat(out).containsExactly(new Out(us(1760), false), new Out(us(3500), true));
    }

    @Test
    void aPulseShorterThanThePeriodIsDropped() {
        DebounceFilter f = new DebounceFilter(Duration.ofNanos(500_000), true);

        f.edge(us(1000), false, (at, h) -> out.add(new Out(at, h)));
        f.edge(us(1400), true, (at, h) -> out.add(new Out(at, h)));
        f.flush(us(10_000), (at, h) -> out.add(new Out(at, h)));

        assertThat(out).isEmpty();
        assertThat(f.reportedHigh()).isTrue();
    }

    @Test
    void aZeroPeriodPassesEveryChangeAtOnce() {
        DebounceFilter f = new DebounceFilter(Duration.ZERO, true);

        f.edge(us(1000), false, (at, h) -> out.add(new Out(at, h)));
        f.edge(us(1001), true, (at, h) -> out.add(new Out(at, h)));
        f.edge(us(1001), true, (at, h) -> out.add(new Out(at, h)));

        assertThat(out).containsExactly(new Out(us(1000), false), new Out(us(1001), true));
    }
}
