package io.waypoint.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.storage.FileDamage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
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
        BootCounter.Boot boot = BootCounter.count(dir, 7, new Random(1));
        assertThat(boot.number()).isEqualTo(8);
        assertThat(boot.unsaved()).isEmpty();
        FileDamage damage = boot.damage().orElseThrow();
        assertThat(damage.part()).isEqualTo("boot counter");
        assertThat(damage.keptAside().getFileName().toString()).startsWith("boot.corrupt-");
        assertThat(Files.readString(damage.keptAside())).isEqualTo("\u0000garbage");
        assertThat(Files.readString(dir.resolve("boot")).strip()).isEqualTo("8");
    }

    /** What a full or read-only card does to the counter: here a directory stands where the temporary file must go. */
    private void makeUnsaveable() throws IOException {
        Files.createDirectories(dir.resolve("boot.tmp"));
    }

    @Test
    void aCounterThatCannotBeSavedGivesAnUnsavedBootFarAboveThatNoLaterCountingRepeats() throws Exception {
        BootCounter.next(dir, 0);
        BootCounter.next(dir, 0); // saved: 2
        makeUnsaveable();
        Set<Long> unsaved = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 100; i++) {
            BootCounter.Boot b = BootCounter.count(dir, 0, random);
            assertThat(b.unsaved()).as("why it is unsaved").isPresent();
            assertThat(b.number()).isBetween(2 + BootCounter.UNSAVED_BASE, 2 + BootCounter.UNSAVED_BASE + BootCounter.UNSAVED_SPREAD);
            unsaved.add(b.number());
        }
        assertThat(unsaved).as("a hundred runs on a read-only card, a hundred boots").hasSize(100);
        assertThatThrownBy(() -> BootCounter.next(dir, 0)).isInstanceOf(IOException.class).hasMessageContaining("cannot be saved");

        // the card is writable again: counting continues from the saved counter, far below every unsaved boot
        Files.delete(dir.resolve("boot.tmp"));
        assertThat(BootCounter.next(dir, 0)).isEqualTo(3);
    }

    @Test
    void anUnsavedBootThatReachedTheOutboxRaisesTheFloorSoCountingGoesOnAboveIt() throws Exception {
        BootCounter.next(dir, 0);
        makeUnsaveable();
        long unsaved = BootCounter.count(dir, 0, new Random(7)).number();
        Files.delete(dir.resolve("boot.tmp"));
        // the outbox remembers the highest boot it holds: the unsaved one
        assertThat(BootCounter.next(dir, unsaved)).isEqualTo(unsaved + 1);
    }
}
