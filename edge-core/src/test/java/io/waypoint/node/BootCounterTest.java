package io.waypoint.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootCounterTest {
    @TempDir
    Path dir;

    @Test
    void countsUpFromOneAcrossStarts() throws Exception {
        assertThat(BootCounter.next(dir, 0)).isEqualTo(1);
        assertThat(BootCounter.next(dir, 0)).isEqualTo(2);
        assertThat(BootCounter.next(dir, 0)).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("boot")).strip()).isEqualTo("3");
    }

    @Test
    void neverGoesBelowTheFloorTheOutboxRemembers() throws Exception {
        BootCounter.next(dir, 0);
        assertThat(BootCounter.next(dir, 41)).isEqualTo(42);
    }

    @Test
    void anUnreadableCounterIsMovedAsideAndCountingContinuesAboveTheFloor() throws Exception {
        Files.writeString(dir.resolve("boot"), "\u0000garbage");
        assertThat(BootCounter.next(dir, 7)).isEqualTo(8);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("boot.corrupt-"));
        }
    }
}
