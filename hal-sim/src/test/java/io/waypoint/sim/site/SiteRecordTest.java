package io.waypoint.sim.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteRecordTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(SiteRecord.DIRECTORY);
    }

    @Test
    void nothingIsKeptUnlessTheSystemPropertyAsks() {
        assertThat(SiteRecord.fromSystemProperty()).isEmpty();
    }

    @Test
    void eventsAppendAcrossRecordsAndCountersContinueFromWhatTheLastOneLeft() {
        System.setProperty(SiteRecord.DIRECTORY, dir.toString());
        SiteRecord first = SiteRecord.fromSystemProperty().orElseThrow();
        first.event(T0, "start kiosk k");
        first.driven(4, "port 1 relay", true, T0.plusSeconds(1));
        first.counter("pulses").add(41);
        // a killed process closes nothing; the next one appends and counts on
        SiteRecord next = SiteRecord.fromSystemProperty().orElseThrow();
        next.opened("i2c 1 0x40", T0.plusSeconds(2));
        SiteRecord.Counter pulses = next.counter("pulses");
        pulses.add(1);

        assertThat(SiteRecord.read(dir)).extracting(SiteRecord.Line::event)
                .containsExactly("start kiosk k", "out 4 high port 1 relay", "opened i2c 1 0x40");
        assertThat(SiteRecord.read(dir).get(1).words()).containsExactly("out", "4", "high", "port", "1", "relay");
        assertThat(SiteRecord.read(dir).get(0).life()).isEqualTo(ProcessHandle.current().pid());
        assertThat(pulses.value()).isEqualTo(42);
        assertThat(SiteRecord.count(dir, "pulses")).isEqualTo(42);
        assertThat(SiteRecord.count(dir, "never")).isZero();
    }

    @Test
    void aLineAKilledProcessLeftHalfWrittenIsNoEvent() throws Exception {
        Files.writeString(dir.resolve(SiteRecord.LOG), "123 2026-03-02T09:00:00Z start well w\n123 2026-03-0",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE);
        assertThat(SiteRecord.read(dir)).extracting(SiteRecord.Line::event).containsExactly("start well w");
    }
}
