package io.waypoint.gateway.alerts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine takes its time as arguments: its sources never read a clock, sleep or start threads. */
class PureLogicTest {
    @Test
    void noSourceOfThePackageReadsAClockSleepsOrStartsAThread() throws IOException {
        Path dir = Path.of("src/main/java/io/waypoint/gateway/alerts");
        List<String> forbidden = List.of("System.currentTimeMillis", "System.nanoTime", "Instant.now", "Clock.system",
                "LocalDateTime.now", "Thread.sleep", "new Thread", "Executors.");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).isNotEmpty();
            for (Path p : sources) {
                String text = Files.readString(p);
                for (String f : forbidden) {
                    assertThat(text).as(p + " uses " + f).doesNotContain(f);
                }
            }
        }
    }
}
