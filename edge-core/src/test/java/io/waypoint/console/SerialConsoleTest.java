package io.waypoint.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.time.Scheduler;
import io.waypoint.uplink.ReconnectBackoff;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial console through a real pseudo-terminal pair made by socat, the test typing on the far
 * end as a technician at minicom would.
 */
class SerialConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BANNER = "waypoint well-01: technician console. Type help for the commands.\r\nwell-01> ";

    @TempDir
    Path dir;
    private final Scheduler scheduler = Scheduler.system("serial-console-test");
    private final ExampleWell well = new ExampleWell(scheduler);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        scheduler.close();
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    private SerialConsole console(String path) {
        // short delays so the unplug tests take a second; the schedule itself is ReconnectBackoffTest's job
        ReconnectBackoff fast = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500), 0,
                Duration.ofSeconds(30), Duration.ofMillis(500), () -> 0.5);
        return closing(SerialConsole.start(well.shell, scheduler, path, SerialConsole.DEFAULT_BAUD, fast));
    }

    /** A console on a fresh pair with the technician's terminal open and the banner read. */
    private Terminal connected() throws Exception {
        PtyPair pair = closing(PtyPair.start());
        Terminal terminal = closing(new Terminal(pair.terminalEnd()));
        console(pair.consoleEnd());
        await().atMost(WAIT).until(() -> terminal.screen().equals(BANNER));
        terminal.clear();
        return terminal;
    }

    @Test
    void greetsWithTheNodesPromptAndAnswersHelpWithCrLfLines() throws Exception {
        Terminal terminal = connected();

        terminal.type("help\r");

        await().atMost(WAIT).until(() -> terminal.screen().endsWith("A live view stops when you press Enter.\r\nwell-01> "));
        String screen = terminal.screen();
        assertThat(screen).startsWith("help\r\nCommands:\r\n")
                .contains("* calibrate turbidity <ntu>  adds a calibration point at the current reading\r\n");
        assertThat(screen.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void echoesWhatIsTypedAndRubsOutOnBackspaceAndDel() throws Exception {
        Terminal terminal = connected();

        terminal.type("stx");
        await().atMost(WAIT).until(() -> terminal.screen().equals("stx"));
        terminal.send((byte) 0x7F);
        terminal.type("a");
        terminal.type("x\b");
        terminal.type("tus\r");

        await().atMost(WAIT).until(() -> terminal.screen().endsWith("well-01> "));
        assertThat(terminal.screen()).isEqualTo("stx\b \bax\b \btus\r\nwater: safe (0.8 NTU)\r\ncartridge: 1234.5 L used\r\nwell-01> ");
    }

    @Test
    void aLiveReadingsViewStreamsUntilEnter() throws Exception {
        Terminal terminal = connected();

        terminal.type("readings\r");
        await().atMost(WAIT).until(() -> terminal.screen().contains("#2\r\n"));
        terminal.type("\r");

        await().atMost(WAIT).until(() -> terminal.screen().endsWith("Stopped.\r\nwell-01> "));
        assertThat(terminal.screen()).startsWith("readings\r\nturbidity    flow\r\n(press Enter to stop)\r\n"
                + "turbidity 0.8 NTU  flow 12.0 L/min  #1\r\n");
        int shown = well.readingsTaken.get();
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> well.readingsTaken.get() == shown);
        assertThat(terminal.screen()).endsWith("Stopped.\r\nwell-01> ");
    }

    @Test
    void garbageOnTheLineIsDroppedAndTheConsoleGoesOn() throws Exception {
        Terminal terminal = connected();

        terminal.send((byte) 0xFF, (byte) 0x00, (byte) 0xC3, (byte) 0x1B, (byte) '[', (byte) 'B', (byte) 0x80, (byte) 0x07);
        terminal.type("calibrate turbidity 3\r");

        await().atMost(WAIT).until(() -> terminal.screen().endsWith("Calibration point added: 3.0 NTU.\r\nwell-01> "));
        assertThat(well.turbidityPoints).containsExactly(3.0);
        assertThat(well.changes).singleElement().satisfies(c -> assertThat(c.console()).startsWith("serial /dev/pts/"));
    }

    @Test
    void reopensThePortWhenTheCableComesBackAndGreetsAgain() throws Exception {
        Path port = dir.resolve("ttyUSB0");
        PtyPair first = PtyPair.start(port);
        Terminal before = closing(new Terminal(first.terminalEnd()));
        SerialConsole console = console(port.toString());
        await().atMost(WAIT).until(() -> before.screen().equals(BANNER));
        before.type("readings\r");
        await().atMost(WAIT).until(() -> before.screen().contains("#1"));

        first.close();
        await().atMost(WAIT).until(() -> !console.connected());
        int readingsWhenUnplugged = well.readingsTaken.get();

        PtyPair second = closing(PtyPair.start(port));
        Terminal after = closing(new Terminal(second.terminalEnd()));
        await().atMost(WAIT).until(() -> after.screen().equals(BANNER));
        after.type("status\r");
        await().atMost(WAIT).until(() -> after.screen().endsWith("cartridge: 1234.5 L used\r\nwell-01> "));
        assertThat(console.connected()).isTrue();
        await().during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> well.readingsTaken.get() == readingsWhenUnplugged); // the live view ended with the port
        assertThat(after.screen()).doesNotContain("turbidity 0.8");
    }

    @Test
    void aTerminalThatStopsReadingNeverHoldsUpTheNodesScheduler() throws Exception {
        PtyPair pair = closing(PtyPair.start());
        console(pair.consoleEnd());
        // a terminal that sends and never reads: the buffers along the line fill up, and the typing
        // itself may block, so it runs on a thread of its own that ends when socat does
        Thread typist = new Thread(() -> {
            try (FileOutputStream keyboard = new FileOutputStream(pair.terminalEnd())) {
                for (int i = 0; i < 2000; i++) {
                    keyboard.write("status\r".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // the line went away at the end of the test
            }
        }, "typist");
        typist.setDaemon(true);
        typist.start();
        await().atMost(WAIT).until(() -> well.statusAsked.get() > 100);
        Thread.sleep(2000);

        AtomicBoolean ran = new AtomicBoolean();
        scheduler.schedule(Duration.ZERO, () -> ran.set(true));
        await().atMost(WAIT).untilTrue(ran);
    }

    @Test
    void waitsForAPortThatIsNotThereAtStart() throws Exception {
        Path port = dir.resolve("ttyUSB1");
        SerialConsole console = console(port.toString());
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !console.connected());

        PtyPair pair = closing(PtyPair.start(port));
        Terminal terminal = closing(new Terminal(pair.terminalEnd()));

        await().atMost(WAIT).until(() -> terminal.screen().equals(BANNER));
        assertThat(console.connected()).isTrue();
    }
}
