package io.waypoint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.storage.FileDamage;
import io.waypoint.wire.PrivacyGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFileTest {
    @TempDir
    Path dir;

    @Test
    void aDamagedFileGoesAsideUnderItsOwnTimeAndAnEarlierCopyIsNeverReplaced() throws Exception {
        Path file = dir.resolve("cartridge");
        FileTime written = FileTime.from(Instant.parse("2026-11-27T05:47:00Z"));
        Files.writeString(file, "first damage");
        Files.setLastModifiedTime(file, written);
        Path first = DurableFile.moveAside(file, "not a cartridge record");
        Files.writeString(file, "second damage");
        Files.setLastModifiedTime(file, written);
        Path second = DurableFile.moveAside(file, "not a cartridge record");

        assertThat(first.getFileName().toString()).isEqualTo("cartridge.corrupt-2026-11-27T05-47-00Z");
        assertThat(second.getFileName().toString()).isEqualTo("cartridge.corrupt-2026-11-27T05-47-00Z-2");
        assertThat(Files.readString(first)).isEqualTo("first damage");
        assertThat(Files.readString(second)).isEqualTo("second damage");
        assertThat(file).doesNotExist();
        // the name may travel in a log or a message: it must not look like a phone number
        assertThat(PrivacyGuard.identifyingValue(first.getFileName().toString())).isFalse();
    }

    @Test
    void setAsideDescribesWhatWasKeptAndWhatToDo() throws Exception {
        Path file = dir.resolve("flow-k-factor");
        Files.writeString(file, "abc");
        FileDamage d = DurableFile.setAside(file, "flow K-factor", "not a K-factor: 'abc'", "the configured K-factor",
                "repeat the bucket test");
        assertThat(d.keptAside()).exists().hasContent("abc");
        assertThat(d.logLine()).contains("flow K-factor file " + file).contains("not a K-factor").contains(d.keptAside().toString())
                .contains("kept the configured K-factor").contains("repeat the bucket test");
    }
}
