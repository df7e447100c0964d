package io.waypoint.console;

import io.waypoint.fuzz.FuzzTarget;
import io.waypoint.fuzz.InvariantViolation;
import io.waypoint.fuzz.Outcome;
import io.waypoint.time.ManualScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The technician's console: the fuzz input is the bytes a terminal sends, fed in pieces to the real
 * {@link LineEditor} and every line it completes to a {@link ConsoleSession} of a shell with the
 * commands of the well's and the kiosk's consoles (numbers with units and ranges, choices, words, a
 * live view, commands that change state, a handler that refuses). What the shell makes of the first
 * line that is not blank is the outcome: a command run, or the answer that refused it. Checked
 * besides: nothing the console writes holds a control character that would drive the terminal, and a
 * state change recorded as an event carries only numbers and choices, never a typed word.
 */
public final class ConsoleTarget implements FuzzTarget {
    private static final int MAX_BYTES = 4096;
    // what a StateChange may carry: a number, with its unit, or a declared choice
    private static final Pattern CHECKED_ARGUMENT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?( [A-Za-z]+)?|trace|debug|info|warn|error");
    private static final Pattern TERMINAL_CONTROL = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F\\x80-\\x9F]");

    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-27T12:00:00Z"));
    private final List<StateChange> changes = new ArrayList<>();
    private final ConsoleShell shell = shell(scheduler, changes);

    /** A shell like a node's: the well's commands and the kiosk's, and two with a choice and a word. */
    private static ConsoleShell shell(ManualScheduler scheduler, List<StateChange> changes) {
        return ConsoleShell.builder("well-01", scheduler)
                .greeting(() -> "WARNING: the do-not-drink light is ON")
                .command(Command.named("status").summary("what the node thinks").handler(a -> Reply.text("water: safe\nuplink: up")).build())
                .command(Command.named("readings").summary("live turbidity and flow every 5 s")
                        .handler(a -> Reply.live("turbidity and flow, every 5 s (Enter stops)", Duration.ofSeconds(5),
                                () -> "turbidity 0.52 NTU, flow 3.1 L/min")).build())
                .command(Command.named("calibrate turbidity").summary("adds a calibration point")
                        .arg(Arg.number("standard", "NTU").within(0, 4000)).example("calibrate turbidity 10").changesState()
                        .handler(a -> Reply.text("point added at " + a.number("standard") + " NTU")).build())
                .command(Command.named("calibrate flow").summary("bucket test")
                        .arg(Arg.number("bucket", "L", "litres", "l").within(1, 1000)).example("calibrate flow 20 L").changesState()
                        .handler(a -> Reply.text("k-factor from " + a.number("bucket") + " L")).build())
                .command(Command.named("cartridge replaced").summary("a new cartridge").changesState()
                        .handler(a -> Reply.text("cartridge counts from 0 L")).build())
                .command(Command.named("selftest").summary("checks each part").handler(a -> Reply.text("ADC: ok\nflow: ok")).build())
                .command(Command.named("ports").summary("each charging port").handler(a -> Reply.text("port 1: free")).build())
                .command(Command.named("port clear").summary("unlocks a port").arg(Arg.number("port").within(1, 8))
                        .example("port clear 3").changesState()
                        .handler(a -> {
                            int port = (int) a.number("port");
                            if (port % 2 == 0) {
                                throw new ConsoleError("charging port " + port, "not locked", "nothing to clear; 'ports' shows each port");
                            }
                            return Reply.text("charging port " + port + " unlocked");
                        }).build())
                .command(Command.named("modem").summary("the modem").handler(a -> Reply.text("modem: ok, signal 18 of 31")).build())
                .command(Command.named("log level").summary("how much the log says")
                        .arg(Arg.choice("level", "trace", "debug", "info", "warn", "error")).changesState()
                        .handler(a -> Reply.text("logging at " + a.choice("level"))).build())
                .command(Command.named("note").summary("a note in the log").arg(Arg.word("text"))
                        .handler(a -> Reply.text("noted (" + a.word("text").length() + " characters)")).build())
                .onStateChange(changes::add)
                .build();
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public String describe() {
        return "console input (LineEditor, ConsoleShell, Tokens, TypedNumber, Spelling, ConsoleSession)";
    }

    @Override
    public int maxInputBytes() {
        return MAX_BYTES;
    }

    @Override
    public int typicalInputBytes() {
        return 512; // a few lines typed; one line is cut at 201 characters anyway
    }

    @Override
    public List<byte[]> seeds() {
        return ConsoleInputGenerator.seeds();
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return ConsoleInputGenerator.typing(random);
    }

    @Override
    public List<byte[]> dictionary() {
        return List.of("calibrate ", "turbidity ", "flow ", "port ", "clear ", "help ", "readings", "status", " NTU", " L", "\r", "\r\n",
                "\"", "'", ",", ".", "\u001b[", "\u007f", "\u0003", "\u0015").stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public Outcome run(byte[] input) {
        changes.clear();
        List<String> written = new ArrayList<>();
        ConsoleSession session = shell.open("serial /dev/fuzz", written::add);
        session.start();
        String[] first = {null};
        LineEditor editor = new LineEditor(new LineEditor.Listener() {
            @Override
            public void echo(String text) {
                // one call per key typed: a loop, not a regex
                if (!text.equals("\b \b") && !text.equals("\r\n")) {
                    for (int i = 0; i < text.length(); i++) {
                        char c = text.charAt(i);
                        InvariantViolation.check(!(c < 0x20 || c >= 0x7F && c <= 0x9F), () -> "the echo drives the terminal: "
                                + text.codePoints().mapToObj(Integer::toHexString).toList());
                    }
                }
            }

            @Override
            public void line(String line) {
                InvariantViolation.check(line.codePointCount(0, line.length()) <= ConsoleShell.MAX_LINE_CHARS + 1,
                        () -> "a line of " + line.length() + " characters got through the editor");
                if (first[0] == null) {
                    Interpretation meaning = shell.interpret(line);
                    if (!(meaning instanceof Interpretation.Blank)) {
                        first[0] = meaning instanceof Interpretation.Run run ? "ran " + run.command().name()
                                : "!" + ((Interpretation.Answer) meaning).text().lines().findFirst().orElse("");
                    }
                }
                session.accept(line);
                scheduler.advance(Duration.ofSeconds(6)); // a live view ticks
            }

            @Override
            public void interrupt() {
                session.interrupt();
            }
        });
        SplittableRandom delivery = FuzzTarget.deliveryRandom(input);
        int at = 0;
        while (at < input.length) {
            int n = delivery.nextInt(3) == 0 ? 1 + delivery.nextInt(Math.min(8, input.length - at)) : input.length - at;
            editor.feed(input, at, n);
            at += n;
        }
        session.close();
        for (String w : written) {
            InvariantViolation.check(!TERMINAL_CONTROL.matcher(w).find(), () -> "the console wrote a control character: "
                    + w.codePoints().filter(c -> c < 0x20 || c >= 0x7F && c <= 0x9F).mapToObj(Integer::toHexString).toList());
        }
        for (StateChange c : changes) {
            for (String a : c.arguments()) {
                InvariantViolation.check(CHECKED_ARGUMENT.matcher(a).matches(), () -> "a state change carries '" + a + "'");
            }
        }
        if (first[0] == null) {
            return Outcome.rejected("no command line");
        }
        return first[0].startsWith("!") ? Outcome.rejected(first[0].substring(1)) : Outcome.accepted(first[0]);
    }
}
