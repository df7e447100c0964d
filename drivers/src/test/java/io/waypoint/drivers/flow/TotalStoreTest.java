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
    void aFileOfTheWrongSizeIsRefusedWithWhatToDo() throws IOException {
        Path file = dir.resolve("flow.total");
        Files.writeString(file, "45678.9\n");

        assertThatThrownBy(() -> TotalStore.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("is 8 bytes, expected 4096").hasMessageContaining("move it away");
    }

    @Test
    void aFileWithNoReadableRecordIsRefusedRatherThanRestartedAtZero() throws IOException {
        Path file = dir.resolve("flow.total");
        Files.write(file, new byte[TotalStore.SIZE]);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 100);
        }

        assertThatThrownBy(() -> TotalStore.open(file)).hasMessageContaining("has no readable record");
    }
}
