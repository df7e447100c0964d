package io.waypoint.drivers.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveTotalTest {
    @TempDir
    Path dir;

    @Test
    void theLastNoteIsWhatTheNextOpenSeesThoughTheFirstWasNeverClosed() throws IOException {
        Path file = dir.resolve("flow.total.live");
        LiveTotal dying = LiveTotal.open(file, false);
        for (int pulse = 1; pulse <= 1001; pulse++) {
            dying.note(pulse / 450.0);
        }
        // a killed process closes nothing: what it noted is in the page cache, where the next one reads it
        assertThat(LiveTotal.open(file, false).total()).isEqualTo(1001 / 450.0);
        assertThat(Files.size(file)).as("notes never grow the file").isEqualTo(LiveTotal.SIZE);
    }

    @Test
    void aTornNoteFallsBackToThePreviousOne() throws IOException {
        Path file = dir.resolve("flow.total.live");
        LiveTotal live = LiveTotal.open(file, false);
        live.note(41.5);
        live.note(42.0); // seq 2: slot 0
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x13, 0x37, 0x13, 0x37}), 12);
        }
        assertThat(LiveTotal.open(file, false).total()).isEqualTo(41.5);
    }

    @Test
    void aNewStoreStartsItAfreshWhateverAnOldOneLeft() throws IOException {
        Path file = dir.resolve("flow.total.live");
        LiveTotal.open(file, false).note(12_345.6);
        // a technician moved the old total away to restart at 0 L, and left this file behind
        assertThat(LiveTotal.open(file, true).total()).isZero();
        assertThat(LiveTotal.open(file, false).total()).isZero();
    }

    @Test
    void aFileThatIsNotALiveTotalIsStartedAfreshRatherThanStoppingTheMeter() throws IOException {
        Path file = dir.resolve("flow.total.live");
        Files.writeString(file, "45678.9\n");
        LiveTotal live = LiveTotal.open(file, false);
        assertThat(live.total()).isZero();
        live.note(1.5);
        assertThat(LiveTotal.open(file, false).total()).isEqualTo(1.5);
    }

    @Test
    void aFileThatCannotBeWrittenLeavesTheCountInMemoryRatherThanStoppingTheMeter() throws IOException {
        Path file = dir.resolve("flow.total.live");
        Files.createDirectory(file); // cannot be opened for writing, even by root (the read-only card: StorageFaultTest)
        LiveTotal live = LiveTotal.open(file, false);
        live.note(2.5);
        live.note(3.0);
        assertThat(live.total()).isEqualTo(3.0);
        assertThat(file).isDirectory();
    }
}
