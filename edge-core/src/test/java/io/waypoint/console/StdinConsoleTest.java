package io.waypoint.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.time.Scheduler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console on piped streams, as a technician over SSH or a service with no stdin would use it. */
class StdinConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final Scheduler scheduler = Scheduler.system("console-test");
    private final ExampleWell well = new ExampleWell(scheduler);
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    private String shown() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void answersTypedLinesAndEndsQuietlyAtEndOfInput() throws IOException {
        PipedOutputStream keyboard = new PipedOutputStream();
        StdinConsole console = StdinConsole.start(well.shell, scheduler, new PipedInputStream(keyboard), out);

        keyboard.write("help\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        await().atMost(WAIT).until(() -> shown().endsWith("well-01> "));
        assertThat(shown()).startsWith("waypoint well-01: technician console. Type help for the commands.\nCommands:\n")
                .contains("calibrate turbidity <ntu>");

        keyboard.write("calibrate turbidity 2.5\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        await().atMost(WAIT).until(() -> shown().endsWith("Calibration point added: 2.5 NTU.\nwell-01> "));

        keyboard.close();
        await().atMost(WAIT).until(console::ended);
        assertThat(well.turbidityPoints).containsExactly(2.5);
        assertThat(well.changes).singleElement().satisfies(c -> assertThat(c.console()).isEqualTo("stdin"));
    }

    @Test
    void aServiceWithNoStdinWritesNothingAndEnds() {
        StdinConsole console = StdinConsole.start(well.shell, scheduler, new ByteArrayInputStream(new byte[0]), out);

        await().atMost(WAIT).until(console::ended);
        assertThat(shown()).isEmpty();
    }

    @Test
    void aLiveViewStopsOnEnter() throws IOException {
        PipedOutputStream keyboard = new PipedOutputStream();
        StdinConsole.start(well.shell, scheduler, new PipedInputStream(keyboard), out);

        keyboard.write("readings\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        await().atMost(WAIT).until(() -> shown().contains("#1\n"));
        keyboard.write('\n');
        keyboard.flush();

        await().atMost(WAIT).until(() -> shown().endsWith("Stopped.\nwell-01> "));
        keyboard.close();
    }
}
