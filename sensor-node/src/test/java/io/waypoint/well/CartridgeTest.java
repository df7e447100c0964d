package io.waypoint.well;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import io.waypoint.storage.FileDamage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CartridgeTest {
    private static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");
    @TempDir
    Path dir;

    @Test
    void countsLitresSinceFittedAcrossRestarts() throws Exception {
        Path f = dir.resolve("cartridge");
        Cartridge c = Cartridge.load(f, 100_000, 45_000, T0, new ArrayList<>());
        assertThat(c.litres(46_234.5)).isEqualTo(1_234.5);

        Cartridge again = Cartridge.load(f, 100_000, 99_999, T0.plusSeconds(60), new ArrayList<>());
        assertThat(again.litres(46_234.5)).isEqualTo(1_234.5);
        assertThat(again.fittedAt()).isEqualTo(T0);
    }

    @Test
    void replacingReportsTheOldCartridgesLitresAndStartsAgain() throws Exception {
        Cartridge c = Cartridge.load(dir.resolve("cartridge"), 100_000, 10_000, T0, new ArrayList<>());
        assertThat(c.replaced(95_000, T0.plusSeconds(3600))).isEqualTo(85_000);
        assertThat(c.litres(95_010)).isEqualTo(10);
        assertThat(Cartridge.load(dir.resolve("cartridge"), 100_000, 0, T0, new ArrayList<>()).litres(95_010)).isEqualTo(10);
    }

    @Test
    void anUnreadableRecordIsMovedAsideNotTrusted() throws Exception {
        Path f = dir.resolve("cartridge");
        Files.writeString(f, "fitted_at_total_litres = lots\n");
        List<FileDamage> damage = new ArrayList<>();
        Cartridge c = Cartridge.load(f, 100_000, 500, T0, damage);
        assertThat(c.litres(600)).isEqualTo(100);
        assertThat(damage).singleElement().satisfies(d -> {
            assertThat(d.part()).isEqualTo("cartridge record");
            assertThat(d.keptAside().getFileName().toString()).startsWith("cartridge.corrupt-");
            assertThat(d.keptAside()).hasContent("fitted_at_total_litres = lots\n");
        });
        // a new record was written in its place
        assertThat(Cartridge.load(f, 100_000, 0, T0, damage).litres(600)).isEqualTo(100);
        assertThat(damage).hasSize(1);
    }
}
