package io.waypoint.drivers.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TotalStoreTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileStartsAtZeroAndIsPreallocated() throws IOException {
        Path file = dir.resolve("flow.total");
        try (TotalStore store = TotalStore.open(file)) {
            assertThat(store.total()).isZero();
        }
        assertThat(Files.size(file)).isEqualTo(TotalStore.SIZE);
    }

    @Test
    void theLastSaveIsWhatTheNextOpenSees() throws IOException {
        Path file = dir.resolve("flow.total");
        try (TotalStore store = TotalStore.open(file)) {
            for (int i = 1; i <= 300; i++) {
                store.save(i * 0.5);
            }
        }
        try (TotalStore again = TotalStore.open(file)) {
            assertThat(again.total()).isEqualTo(150.0);
        }
        assertThat(Files.size(file)).as("saves never grow the file").isEqualTo(TotalStore.SIZE);
    }

    @Test
    void aTornSaveFallsBackToThePreviousOne() throws IOException {
        Path file = dir.resolve("flow.total");
        try (TotalStore store = TotalStore.open(file)) {
            store.save(41.5);
            store.save(42.0);
        }
        // power lost half-way through the second save: slot 2 half written
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x13, 0x37, 0x13, 0x37}), 2L * TotalStore.SLOT + 12);
        }
        try (TotalStore again = TotalStore.open(file)) {
            assertThat(again.total()).isEqualTo(41.5);
        }
    }

    @Test
    void aTruncatedFileIsCopiedAsideAndTheNewestRecordStillInItIsKept() throws IOException {
        Path file = dir.resolve("flow.total");
        try (TotalStore store = TotalStore.open(file)) {
            for (int i = 1; i <= 40; i++) {
                store.save(100 + i);
            }
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, 20 * TotalStore.SLOT + 7)); // slots 0-19 and a bit

        try (TotalStore store = TotalStore.open(file)) {
            assertThat(store.total()).as("slot 19 holds save 19, the newest left").isEqualTo(119.0);
            TotalDamage d = store.damage().orElseThrow();
            assertThat(d.problem()).isEqualTo("is 647 bytes, expected 4096");
            assertThat(d.anyReadable()).isTrue();
            assertThat(d.keptLitres()).isEqualTo(119.0);
            Path aside = d.keptAside().orElseThrow();
            assertThat(aside.getFileName().toString()).startsWith("flow.total.corrupt-");
            assertThat(Files.size(aside)).as("the damaged bytes, kept as they were").isEqualTo(647);
            store.save(120);
        }
        assertThat(Files.size(file)).isEqualTo(TotalStore.SIZE);
        try (TotalStore again = TotalStore.open(file)) {
            assertThat(again.total()).isEqualTo(120.0);
            assertThat(again.damage()).isEmpty();
        }
    }

    @Test
    void aFileWithNoReadableRecordIsCopiedAsideLoudlyAndCountingRestartsAtZeroNeverSilently() throws IOException {
        Path file = dir.resolve("flow.total");
        byte[] garbage = new byte[TotalStore.SIZE];
        new java.util.Random(3).nextBytes(garbage);
        java.nio.file.attribute.FileTime written = java.nio.file.attribute.FileTime.fromMillis(1_790_000_000_000L);
        Files.write(file, garbage);
        Files.setLastModifiedTime(file, written);

        try (TotalStore store = TotalStore.open(file)) {
            assertThat(store.total()).isZero();
            TotalDamage d = store.damage().orElseThrow();
            assertThat(d.problem()).isEqualTo("has no readable record");
            assertThat(d.anyReadable()).isFalse();
            assertThat(Files.readAllBytes(d.keptAside().orElseThrow())).isEqualTo(garbage);
        }
        // a second damaged file of the same time never replaces the first copy
        Files.write(file, garbage);
        Files.setLastModifiedTime(file, written);
        try (TotalStore store = TotalStore.open(file)) {
            assertThat(store.damage()).isPresent();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("flow.total.corrupt-"))).hasSize(2);
        }
    }

    @Test
    void aCardThatCannotBeWrittenLeavesTheTotalInMemoryAndSavesFailNamingTheFile() throws IOException {
        Path file = dir.resolve("flow.total");
        Files.createDirectories(dir.resolve("flow.total.tmp")); // where the new file must be written: refused
        try (TotalStore store = TotalStore.open(file)) {
            assertThat(store.total()).isZero();
            assertThat(store.unwritable()).isPresent();
            assertThatThrownBy(() -> store.save(1.5)).isInstanceOf(IOException.class).hasMessageContaining(file.toString());
        }
    }
}
