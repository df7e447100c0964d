package io.waypoint.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.time.ManualScheduler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell as pure logic: what a technician types, what they read back. */
class ConsoleShellTest {
    private static final Instant T0 = Instant.parse("2026-11-27T08:30:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(T0);
    private final ExampleWell well = new ExampleWell(scheduler);
    private final StringBuilder screen = new StringBuilder();
    private final ConsoleSession session = well.shell.open("serial /dev/ttyAMA0", screen::append);

    {
        session.start();
        screen.setLength(0);
    }

    /** Types a line and returns what the console answered, the prompt at its end removed. */
    private String type(String line) {
        screen.setLength(0);
        session.accept(line);
        String out = screen.toString();
        assertThat(out).endsWith("well-01> ");
        return out.substring(0, out.length() - "well-01> ".length());
    }

    @Test
    void commandsRunWhateverTheCaseTyped() {
        assertThat(type("STATUS")).isEqualTo("water: safe (0.8 NTU)\ncartridge: 1234.5 L used\n");
        assertThat(type("Cartridge Replaced")).isEqualTo("Cartridge counter set to 0 L.\n");
        assertThat(well.cartridgesReplaced).hasValue(1);
    }

    @Test
    void aNumberIsReadWithTheUnitSeparateGluedOnOrLeftOut() {
        type("calibrate turbidity 12.5 NTU");
        type("calibrate turbidity 4ntu");
        type("calibrate turbidity .5");
        type("calibrate flow 10 litres");
        type("calibrate flow 20L");

        assertThat(well.turbidityPoints).containsExactly(12.5, 4.0, 0.5);
        assertThat(well.bucketLitres).containsExactly(10.0, 20.0);
    }

    @Test
    void aDecimalCommaIsAnsweredWithTheNumberToTypeAndRunsNothing() {
        String answer = type("calibrate turbidity 12,5");

        assertThat(answer).startsWith("Type decimals with a dot: 12.5, not 12,5.")
                .contains("Usage: calibrate turbidity <ntu>", "Example: calibrate turbidity 12.5 NTU");
        assertThat(well.turbidityPoints).isEmpty();
    }

    @Test
    void wrongArgumentsAreAnsweredWithTheReasonTheUsageAndAnExample() {
        assertThat(type("calibrate turbidity")).isEqualTo("<ntu> is missing: a number in NTU, from 0 to 4000.\n"
                + "Usage: calibrate turbidity <ntu>\nExample: calibrate turbidity 12.5 NTU\n");
        assertThat(type("calibrate turbidity clear")).startsWith("'clear' is not a number: <ntu> is a number in NTU");
        assertThat(type("calibrate turbidity 5000")).startsWith("5000 NTU is out of range: <ntu> must be from 0 to 4000 NTU.");
        assertThat(type("calibrate flow 10 mL")).startsWith(
                "'mL' is not the unit of <litres>: type it in L (10 L), or leave the unit out.");
        assertThat(type("calibrate turbidity 5 NTU please")).startsWith("Too many words: 'please' was not expected.");
        assertThat(type("selftest pump")).startsWith("'pump' is not one of: all, turbidity, flow, led.")
                .contains("Usage: selftest <part>", "Example: selftest all");
        assertThat(type("calibrate turbidity NaN")).startsWith("'NaN' is not a number");
        assertThat(type("calibrate turbidity 1e3")).startsWith("'1e3' is not a number");
        assertThat(well.turbidityPoints).isEmpty();
    }

    @Test
    void aChoiceIsTypedInAnyCaseAndReachesTheHandlerAsDeclared() {
        assertThat(type("selftest FLOW")).isEqualTo("selftest flow: ok\n");
    }

    @Test
    void quotesKeepSpacesInsideOneWord() {
        assertThat(type("note \"pump  house\"")).isEqualTo("noted: [pump  house]\n");
        assertThat(type("note 'a b'")).isEqualTo("noted: [a b]\n");
        assertThat(type("note \"unclosed")).startsWith("A quote (\") is not closed.");
    }

    @Test
    void anUnknownCommandGetsTheClosestKnownOneAndTheList() {
        String answer = type("readngs");

        assertThat(answer).isEqualTo("Unknown command 'readngs'. Did you mean 'readings'?\n"
                + "Commands: calibrate flow, calibrate turbidity, cartridge replaced, note, readings, selftest, status, help\n"
                + "Type help for what each one does.\n");
        assertThat(well.readingsTaken).hasValue(0);
    }

    @Test
    void aSlipInTheSecondWordIsSuggestedWithTheArgumentsTyped() {
        assertThat(type("calibrate turbdity 5")).startsWith(
                "Unknown command 'calibrate turbdity'. Did you mean 'calibrate turbidity 5'?");
        assertThat(type("stauts")).startsWith("Unknown command 'stauts'. Did you mean 'status'?");
        assertThat(type("read")).startsWith("Unknown command 'read'. Did you mean 'readings'?");
        assertThat(well.turbidityPoints).isEmpty();
    }

    @Test
    void aWordFarFromEveryCommandGetsTheListWithoutAGuess() {
        assertThat(type("reboot")).startsWith("Unknown command 'reboot'.\nCommands: ");
    }

    @Test
    void theFirstWordOfSeveralCommandsListsThem() {
        assertThat(type("calibrate")).isEqualTo("'calibrate' needs more words. One of:\n"
                + "* calibrate flow <litres>    bucket test: the litres that ran since the last reset\n"
                + "* calibrate turbidity <ntu>  adds a calibration point at the current reading\n"
                + "Type help calibrate for details.\n");
    }

    @Test
    void helpListsEveryCommandWithItsSummaryAndMarksThoseThatChangeState() {
        String help = type("help");

        assertThat(help).startsWith("Commands:\n")
                .contains("* calibrate turbidity <ntu>  adds a calibration point at the current reading\n")
                .contains("  status                     what the node thinks is wrong, if anything\n")
                .contains("  help [command]             lists the commands, or the details of one\n")
                .contains("(*) changes the node's settings; it is recorded as an event.")
                .contains("A live view stops when you press Enter.");
        for (Command c : well.shell.commands()) {
            assertThat(help).contains(c.usage());
        }
    }

    @Test
    void helpForOneCommandGivesItsArgumentsAndAnExample() {
        assertThat(type("help Calibrate Flow")).isEqualTo("calibrate flow <litres>\n"
                + "  bucket test: the litres that ran since the last reset\n"
                + "  <litres>: a number in L, from 0.5 to 1000 (you may leave out the unit)\n"
                + "Example: calibrate flow 12.5 L\n"
                + "This changes the node's settings; it is recorded as an event.\n");
        assertThat(type("help selftest")).contains("<part>: one of all, turbidity, flow, led");
        assertThat(type("help help")).startsWith("help [command]");
        assertThat(type("help readngs")).startsWith("Unknown command 'readngs'. Did you mean 'readings'?");
    }

    @Test
    void aConsoleErrorNamesThePartAndWhatToDo() {
        well.sensorUnplugged = true;

        assertThat(type("selftest all")).isEqualTo("Problem: turbidity sensor (reads 4.6 V, above its range)\n"
                + "What to do: check the sensor cable at the ADC, then type selftest all\n");
    }

    @Test
    void anyOtherFailurePointsToTheLogWithTheTimeAndTheConsoleGoesOn() {
        assertThat(type("selftest led")).isEqualTo("Something went wrong inside the node while running 'selftest'.\n"
                + "What to do: try once more. If it happens again, write down the time (08:30:00 UTC) and tell the"
                + " support team: the details are in the node's log.\n");
        assertThat(type("status")).startsWith("water: safe");
    }

    @Test
    void aStateChangeIsReportedWithItsArgumentsTimeAndConsole() {
        scheduler.advance(java.time.Duration.ofMinutes(5));
        type("calibrate turbidity 12.5");
        type("cartridge replaced");

        assertThat(well.changes).containsExactly(
                new StateChange("calibrate turbidity", List.of("12.5 NTU"), T0.plusSeconds(300), "serial /dev/ttyAMA0"),
                new StateChange("cartridge replaced", List.of(), T0.plusSeconds(300), "serial /dev/ttyAMA0"));
    }

    @Test
    void commandsThatFailOrOnlyReadAreNotReportedAsChanges() {
        type("status");
        type("calibrate turbidity 12,5");
        type("calibrate turbidity 99999");
        type("selftest all");

        assertThat(well.changes).isEmpty();
    }

    @Test
    void aListenerThatFailsDoesNotCostTheTechnicianTheAnswer() {
        ConsoleShell shell = ConsoleShell.builder("well-02", scheduler)
                .command(Command.named("cartridge replaced").summary("new cartridge").changesState()
                        .handler(args -> Reply.text("done")).build())
                .onStateChange(change -> {
                    throw new IllegalStateException("disk full");
                })
                .build();
        StringBuilder out = new StringBuilder();
        ConsoleSession s = shell.open("stdin", out::append);

        s.accept("cartridge replaced");

        assertThat(out.toString()).endsWith("done\nwell-02> ");
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedNotCut() {
        String tooLong = "calibrate turbidity 1" + "0".repeat(ConsoleShell.MAX_LINE_CHARS);
        assertThat(type(tooLong)).startsWith("That line is longer than 200 characters, so it was not run.");
        assertThat(well.turbidityPoints).isEmpty();

        String atLimit = "note " + "x".repeat(ConsoleShell.MAX_LINE_CHARS - 5);
        assertThat(type(atLimit)).startsWith("noted: [x");
    }

    @Test
    void controlCharactersFromANoisyLineAreDropped() {
        assertThat(type("\u0000sta\u0007tus\u001b\u200b\ufffd")).startsWith("water: safe");
        assertThat(type("calibrate\tturbidity\t3")).isEqualTo("Calibration point added: 3.0 NTU.\n");
    }

    @Test
    void aBlankLineOnlyShowsThePromptAgain() {
        assertThat(type("")).isEmpty();
        assertThat(type("   ")).isEmpty();
        assertThat(type("\"\"")).isEmpty();
    }

    @Test
    void theBannerNamesTheNodeAndComesBeforeTheFirstAnswerWhenTheConsoleWasNotStarted() {
        StringBuilder out = new StringBuilder();
        ConsoleSession quiet = well.shell.open("stdin", out::append);
        assertThat(out).isEmpty();

        quiet.accept("status");

        assertThat(out.toString()).isEqualTo("waypoint well-01: technician console. Type help for the commands.\n"
                + "water: safe (0.8 NTU)\ncartridge: 1234.5 L used\nwell-01> ");
    }

    @Test
    void startShowsTheBannerTheNodesGreetingAndThePrompt() {
        ConsoleShell shell = ConsoleShell.builder("kiosk-03", scheduler)
                .greeting(() -> "charging port 3: fault (over-current)")
                .build();
        StringBuilder out = new StringBuilder();

        shell.open("stdin", out::append).start();

        assertThat(out.toString()).isEqualTo("waypoint kiosk-03: technician console. Type help for the commands.\n"
                + "charging port 3: fault (over-current)\nkiosk-03> ");
    }

    @Test
    void registrationRefusesDuplicatesHelpAndExamplesThatDoNotRun() {
        Command status = Command.named("status").summary("s").handler(a -> Reply.text("")).build();
        assertThatThrownBy(() -> ConsoleShell.builder("n", scheduler).command(status).command(status))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two commands are called status");
        assertThatThrownBy(() -> ConsoleShell.builder("n", scheduler)
                .command(Command.named("help me").summary("s").handler(a -> Reply.text("")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("help is built in");
        assertThatThrownBy(() -> ConsoleShell.builder("n", scheduler)
                .command(Command.named("port clear").summary("s").arg(Arg.number("port").within(1, 8))
                        .example("port clear 9").handler(a -> Reply.text("")).build())
                .build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the example of port clear does not run it");
        assertThatThrownBy(() -> Command.named("Status").summary("s").handler(a -> Reply.text("")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedExamplesStayInsideTheDeclaredRange() {
        Command port = Command.named("port clear").summary("clears a port's fault").arg(Arg.number("port").within(1, 8))
                .handler(a -> Reply.text("")).build();
        Command tiny = Command.named("gain").summary("g").arg(Arg.number("g").within(0.1, 0.4))
                .handler(a -> Reply.text("")).build();

        assertThat(port.example()).isEqualTo("port clear 5");
        assertThat(tiny.example()).isEqualTo("gain 0.25");
    }
}
